using BenchmarkDotNet.Running;

// Runs the BenchmarkDotNet suites of every component:
//   dotnet run -c Release --project Benchmarks -- --filter '*'            (everything)
//   dotnet run -c Release --project Benchmarks -- --filter '*SignedCam*'  (one suite)
// Each suite puts the project's operation beside the raw primitive it builds on (for example
// ECDsa P-256 verify) in the same run and prints the ratio against the target.
// Commands printing their figures:
//   dotnet run -c Release --project Benchmarks -- hub-scale [options]              (Benchmarks/Community/Scale)
if (args.Length > 0 && args[0] == "hub-scale")
{
    return await Benchmarks.Community.Scale.HubScale.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
