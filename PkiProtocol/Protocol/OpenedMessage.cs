using PkiProtocol.Messages;
using V2x.Security;

namespace PkiProtocol.Protocol;

/// <summary>A decrypted, decoded request or response: the signed data (signature checked by the caller), its content, the data key and the recipient entry that opened it.</summary>
public sealed record OpenedMessage(SignedData Signed, EtsiTs102941Data Content, byte[] DataKey, RecipientInfo Recipient);
