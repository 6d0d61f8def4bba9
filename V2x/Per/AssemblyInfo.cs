using System.Runtime.CompilerServices;

// The codec tests drive the per-type encoders (internal Encode/Decode of each ASN.1 type) directly,
// for known-answer vectors published for a single type (for example Traces).
[assembly: InternalsVisibleTo("V2x.Tests")]
