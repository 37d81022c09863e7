using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Minxin.Domain.Quantities;

/// <summary>Writes 279100 rather than 279100.0000: output does not depend on the scale a database kept.</summary>
public sealed class PlainDecimalJsonConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.ToString("0.############################", CultureInfo.InvariantCulture), skipInputValidation: true);
}
