using Pki.Audit;
using Pki.Misbehaviour;
using Pki.Store;
using V2x.Security;
using V2x.Security.Certificates;

namespace Pki.Authorities;

/// <summary>
/// One bench PKI in a folder: the root CA, EA, AA (or per-model AAs), audit CA and misbehaviour authority (with its global detection) over
/// one state file. Create it with <see cref="Init"/>, reopen it with <see cref="Open"/>; the CLI and the HTTP
/// service both act through it.
/// </summary>
public sealed class BenchPki : IDisposable
{
    private BenchPki(PkiContext context)
    {
        Context = context;
        Root = new RootCa(context);
        Audit = new AuditCa(context);
        Ea = new EnrolmentAuthority(context, Audit);
        Aa = new AuthorizationAuthority(context, request => Ea.ProcessValidation(request));
        Revocations = new Revocations(context, Ea, Audit);
        Ma = new MisbehaviourAuthority(context, Revocations);
    }

    public PkiContext Context { get; }

    public RootCa Root { get; }

    public AuditCa Audit { get; }

    public EnrolmentAuthority Ea { get; }

    public AuthorizationAuthority Aa { get; }

    public Revocations Revocations { get; }

    public MisbehaviourAuthority Ma { get; }

    public PkiOptions Options => Context.Options;

    public Certificate RootCertificate => Context.Ca(AuthorityRole.Root).Certificate;

    public Certificate EaCertificate => Context.Ca(AuthorityRole.Enrolment).Certificate;

    public Certificate AuditCertificate => Context.Ca(AuthorityRole.Audit).Certificate;

    /// <summary>The misbehaviour authority's certificate (reports are encrypted for its key).</summary>
    public Certificate MaCertificate => Context.Ca(AuthorityRole.Misbehaviour).Certificate;

    /// <summary>Creates a PKI in <paramref name="folder"/>: state file, root, EA, audit CA and (unless per model) the AA.</summary>
    /// <exception cref="ArgumentException">The folder already holds a PKI, or an option is out of range.</exception>
    public static BenchPki Init(string folder, PkiOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();
        var store = PkiStore.Create(folder);
        try
        {
            using (var tx = store.Begin())
            {
                options.Save(tx);
                RootCa.CreateAll(tx, options, clock.GetUtcNow());
                tx.Commit();
            }

            return new BenchPki(new PkiContext(store, clock, options));
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Opens the PKI of <paramref name="folder"/>.</summary>
    /// <exception cref="ArgumentException">The folder holds no PKI.</exception>
    public static BenchPki Open(string folder, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var store = PkiStore.Open(folder);
        try
        {
            var pki = new BenchPki(new PkiContext(store, clock, PkiOptions.Load(store)));

            // A state made before the misbehaviour authority had a certificate gets one now.
            lock (pki.Context.Operation)
            {
                using var tx = store.Begin();
                pki.Root.EnsureMisbehaviourAuthority(tx);
                tx.Commit();
            }

            return pki;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The active AA certificate for stations of IDF model <paramref name="model"/> (vendor/product): the model's AA with
    /// per-model AAs, the one AA otherwise (the model is then ignored). Null when the model has no AA.
    /// </summary>
    public Certificate? AaCertificate(string? model)
    {
        if (!Options.PerModelAa)
        {
            return Context.Ca(AuthorityRole.Authorization).Certificate;
        }

        return model is null ? null : Ea.ModelAa(model)?.Certificate;
    }

    /// <summary>Every CA certificate (active or revoked), for chain building.</summary>
    public IReadOnlyList<Certificate> CaCertificates => [.. Context.Store.GetAuthorities().Select(a => a.Certificate)];

    /// <summary>A certificate issued here, by HashedId8.</summary>
    public Certificate? Certificate(HashedId8 digest) => Context.Store.GetCertificate(digest);

    public void Dispose() => Context.Dispose();
}
