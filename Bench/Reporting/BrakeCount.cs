using Firmware.Application.Eebl;

namespace Bench.Reporting;

/// <summary>Brake responses of one receiver to one sender in one phase.</summary>
public sealed record BrakeCount(string Receiver, string Sender, DemoPhase Phase, BrakeResponse Response, int Count);
