using Pki.Store;
using PkiProtocol.Messages;
using PkiProtocol.Trust;
using V2x.Time;

namespace Pki.Authorities;

/// <summary>The PKI's own view of trust: a chain validator holding every CA certificate and every CA's current CRL entries.</summary>
internal static class LocalTrust
{
    public static ChainValidator Validator(PkiContext context)
    {
        var root = context.Ca(AuthorityRole.Root).Certificate;
        var validator = new ChainValidator(root);
        var now = context.Now;
        var thisUpdate = new Time32((uint)(now.Microseconds / 1_000_000));
        var nextUpdate = new Time32(thisUpdate.Seconds + (uint)context.Options.CrlLifetime.TotalSeconds);
        foreach (var ca in context.Store.GetAuthorities())
        {
            validator.AddCertificate(ca.Certificate);
            validator.AddCrl(ca.Certificate.HashedId8, new ToBeSignedCrl(thisUpdate, nextUpdate, context.Store.GetCrlEntries(ca.Certificate.HashedId8)));
        }

        return validator;
    }
}
