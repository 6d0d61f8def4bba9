// Runs the BenchmarkDotNet suites of every component, and the commands printing their figures (Benchmarks/BenchmarksCli.cs):
//   dotnet run -c Release --project Benchmarks -- --filter '*'            (everything)
//   dotnet run -c Release --project Benchmarks -- --filter '*SignedCam*'  (one suite)
//   dotnet run -c Release --project Benchmarks -- hub-scale [options]     (Benchmarks/Community/Scale)
//   dotnet run -c Release --project Benchmarks -- receive-capacity        (Benchmarks/Firmware/ReceiveCapacity.cs)
//   dotnet run -c Release --project Benchmarks -- --help                  (the commands and their options)
// Each suite puts the project's operation beside the raw primitive it builds on (for example
// ECDsa P-256 verify) in the same run and prints the ratio against the target.
return await CommandLine.CliRunner.MainAsync(ct => Benchmarks.BenchmarksCli.RunAsync(args, Console.Out, Console.Error, ct));
