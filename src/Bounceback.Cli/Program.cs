using Bounceback.Cli;

return await BouncebackCli.RunAsync(args, Console.Out, Console.Error, Console.In, CancellationToken.None);
