using Community.Admin;

// The hub's entry point: "Community serve" runs the TAXII server; other commands administer the
// community (see Community help and Community/README.md).
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await CommandLine.RunAsync(args, Console.In, Console.Out, Console.Error, TimeProvider.System, cancel.Token);
