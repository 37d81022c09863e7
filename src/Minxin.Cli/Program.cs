using System.Text;
using Minxin.Cli;
using Minxin.Data;

Console.OutputEncoding = new UTF8Encoding(false);
return await MinxinCli.RunAsync(args, StorageOptions.FromEnvironment, Console.Out, Console.Error, Console.In);
