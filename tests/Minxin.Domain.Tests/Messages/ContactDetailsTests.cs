using Minxin.Domain.Messages;

namespace Minxin.Domain.Tests.Messages;

/// <summary>A sender's contact: mobile, landline with area code or e-mail, normalised, masked for the public, compared at lookup.</summary>
public class ContactDetailsTests
{
    [Theory]
    [InlineData("13812341234", "13812341234", "138****1234")]
    [InlineData("+86 138-1234-1234", "13812341234", "138****1234")]
    [InlineData("0086 13812341234", "13812341234", "138****1234")]
    [InlineData("022-28391234", "022-28391234", "022-****1234")]
    [InlineData("（022）2839 1234", "022-28391234", "022-****1234")]
    [InlineData("02228391234", "022-28391234", "022-****1234")]
    [InlineData("0571 8888 1234", "0571-88881234", "0571-****1234")]
    [InlineData(" ZhangSan@163.COM ", "zhangsan@163.com", "z***@163.com")]
    public void A_contact_is_normalised_and_masked(string typed, string normalised, string masked)
    {
        Assert.Equal(normalised, ContactDetails.Normalize(typed, out var problem));
        Assert.Null(problem);
        Assert.Equal(masked, ContactDetails.Mask(normalised));
    }

    [Theory]
    [InlineData("", "请填写联系电话")]
    [InlineData("1381234123", "手机号为1开头的11位数字")]
    [InlineData("28391234", "固定电话请带区号")]
    [InlineData("zhang@163", "电子邮箱格式不正确")]
    [InlineData("微信 zhang", "联系方式请填写手机号")]
    public void A_wrong_contact_is_refused_with_what_to_type(string typed, string said)
    {
        Assert.Null(ContactDetails.Normalize(typed, out var problem));
        Assert.Contains(said, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_contact_is_too_long_past_the_limit()
    {
        Assert.Null(ContactDetails.Normalize(new string('1', MessageText.MaxContactLength + 1), out var problem));
        Assert.Contains($"{MessageText.MaxContactLength}", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_lookup_compares_the_normalised_contacts()
    {
        Assert.True(ContactDetails.SameAs("13812341234", "138 1234 1234"));
        Assert.True(ContactDetails.SameAs("zhangsan@163.com", "ZhangSan@163.com"));
        Assert.False(ContactDetails.SameAs("13812341234", "13812341235"));
        Assert.False(ContactDetails.SameAs(null, "13812341234"));
        Assert.False(ContactDetails.SameAs("13812341234", "not a phone"));
    }
}
