namespace Bench.Reporting;

/// <summary>A node's pcap.</summary>
public sealed record PcapFile(string Node, string Path);
