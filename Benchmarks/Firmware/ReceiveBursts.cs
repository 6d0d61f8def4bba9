using System.Security.Cryptography;
using Firmware.Application.Receiving;

namespace Benchmarks.Firmware;

/// <summary>
/// The four bursts issue 10's receive figures compare, over <see cref="ReceiveBench"/>'s batch of distinct signed CAM
/// frames (the whole batch is one burst): raw .NET ECDsa P-256 VerifyData on one thread and on every core at once (one
/// ECDsa instance per core), and the whole receive path on one thread (<see cref="ReceivePipeline.Process"/>) and on
/// every core (<see cref="ReceivePipeline.Submit"/> from one thread, <see cref="ReceivePipeline.RunAsync"/>'s workers,
/// one per core). Each receive burst runs on a new pipeline over the same trust store and CRLs, so every frame is new
/// to the replay state and fully verified; <see cref="PrepareOneCore"/> / <see cref="PrepareAllCores"/> make it (outside
/// what is timed) and <see cref="FinishAllCores"/> stops the workers. Used by <see cref="ReceivePathBenchmarks"/>
/// (BenchmarkDotNet, one category after the other) and by <c>receive-capacity</c> (<see cref="ReceiveCapacity"/>, the
/// four bursts interleaved round by round).
/// </summary>
internal sealed class ReceiveBursts : IDisposable
{
    private readonly ReceiveBench _bench;
    private readonly ECDsa[] _raw;
    private readonly byte[] _rawSignature;
    private readonly CountdownEvent _pending;
    private readonly int _perStation;
    private ReceivePipeline _pipeline;
    private CancellationTokenSource? _workersStop;
    private Task _workers = Task.CompletedTask;
    private int _accepted;

    /// <summary>A batch of <paramref name="stations"/> x <paramref name="framesPerStation"/> frames; raw verify and workers on <paramref name="cores"/> cores.</summary>
    public ReceiveBursts(int stations, int framesPerStation, int cores)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cores, 1);
        Cores = cores;
        _perStation = framesPerStation;
        _bench = new ReceiveBench(stations, framesPerStation);
        Frames = _bench.Frames;
        _raw = new ECDsa[cores];
        var first = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _rawSignature = first.SignData(Frames[0], HashAlgorithmName.SHA256);
        var publicKey = first.ExportParameters(includePrivateParameters: false);
        _raw[0] = first;
        for (var c = 1; c < cores; c++)
        {
            _raw[c] = ECDsa.Create(publicKey);
        }

        _pending = new CountdownEvent(Frames.Length);
        _pipeline = new ReceivePipeline(_bench.Options());
        if (!_pipeline.Process(Frames[0]).IsAccepted)
        {
            throw new InvalidOperationException("the benchmark's frames must be accepted");
        }
    }

    /// <summary>The batch: every frame distinct, every one accepted by a new pipeline.</summary>
    public byte[][] Frames { get; }

    /// <summary>The cores the all-cores bursts use.</summary>
    public int Cores { get; }

    /// <summary>One raw ECDsa P-256 VerifyData of a frame of the batch's size (the one-core baseline per operation).</summary>
    public bool RawVerifyOnce() => _raw[0].VerifyData(Frames[0], _rawSignature, HashAlgorithmName.SHA256);

    /// <summary>Raw VerifyData once per frame of the batch on one thread; returns how many verified.</summary>
    public int RawOneCore()
    {
        var ok = 0;
        var ecdsa = _raw[0];
        for (var i = 0; i < Frames.Length; i++)
        {
            ok += ecdsa.VerifyData(Frames[0], _rawSignature, HashAlgorithmName.SHA256) ? 1 : 0;
        }

        return ok;
    }

    /// <summary>Raw VerifyData once per frame of the batch, shared evenly between the cores at once; returns how many verified.</summary>
    public int RawAllCores()
    {
        var ok = 0;
        var count = Frames.Length;
        Parallel.For(0, Cores, new ParallelOptions { MaxDegreeOfParallelism = Cores }, c =>
        {
            var ecdsa = _raw[c];
            var mine = 0;
            for (var i = c; i < count; i += Cores)
            {
                mine += ecdsa.VerifyData(Frames[0], _rawSignature, HashAlgorithmName.SHA256) ? 1 : 0;
            }

            Interlocked.Add(ref ok, mine);
        });
        return ok;
    }

    /// <summary>
    /// Runs both receive paths and both raw bursts to steady state before anything is measured. The receive path is a
    /// few hundred methods (every layer's decoder, the stages, the queue) that the tiered JIT first compiles
    /// unoptimised and recompiles in the background (instrumented, then optimised with the profile) once each was
    /// called 30 times and no new method was compiled for 100 ms. ShortRun's three warm-up bursts of 4,096 frames were
    /// not enough for that: the category run first ("all cores") measured the JIT's background work beside its workers
    /// (0.47 to 0.52 of raw verify where the same run with DOTNET_TieredCompilation=0 gave 0.71;
    /// Benchmarks/Firmware/README.md, "Issue 10, all cores: where the workers' time goes"). Each round is one burst of
    /// each kind and a pause for the background compilation (a benchmark's setup, not a test: nothing is asserted).
    /// </summary>
    public void WarmUp(int rounds)
    {
        for (var round = 0; round < rounds; round++)
        {
            PrepareOneCore();
            ReceiveOneCore();
            PrepareAllCores();
            ReceiveAllCores();
            FinishAllCores();
            RawOneCore();
            RawAllCores();
            Thread.Sleep(150);
        }
    }

    /// <summary>A new pipeline for <see cref="ReceiveOneCore"/>.</summary>
    public void PrepareOneCore()
    {
        _pipeline.Dispose();
        _pipeline = new ReceivePipeline(_bench.Options());
    }

    /// <summary>The batch through <see cref="ReceivePipeline.Process"/> on this thread; throws unless every frame is accepted.</summary>
    public int ReceiveOneCore()
    {
        var accepted = 0;
        foreach (var frame in Frames)
        {
            if (_pipeline.Process(frame).IsAccepted)
            {
                accepted++;
            }
        }

        return accepted == Frames.Length ? accepted : throw new InvalidOperationException($"{Frames.Length - accepted} frames were rejected");
    }

    /// <summary>A new pipeline whose intake and queue hold the whole batch, and its workers (one per core) started, for <see cref="ReceiveAllCores"/>.</summary>
    public void PrepareAllCores()
    {
        _pipeline.Dispose();
        _pipeline = new ReceivePipeline(_bench.Options(new ReceiveLoadOptions
        {
            IntakeCapacity = Frames.Length, QueueCapacity = Frames.Length, QueuePerSigner = _perStation,
        }));
        _pipeline.Decided += r =>
        {
            if (r.IsAccepted)
            {
                Interlocked.Increment(ref _accepted);
            }

            _pending.Signal();
        };
        _workersStop = new CancellationTokenSource();
        _workers = _pipeline.RunAsync(Cores, _workersStop.Token);
    }

    /// <summary>The batch submitted as one burst from this thread, decided by the workers; throws unless every frame is accepted.</summary>
    public int ReceiveAllCores()
    {
        _accepted = 0;
        _pending.Reset(Frames.Length);
        foreach (var frame in Frames)
        {
            _pipeline.Submit(frame, "bench");
        }

        _pending.Wait();
        return _accepted == Frames.Length ? _accepted : throw new InvalidOperationException($"{Frames.Length - _accepted} frames were rejected");
    }

    /// <summary>Stops the workers <see cref="PrepareAllCores"/> started.</summary>
    public void FinishAllCores()
    {
        _workersStop?.Cancel();
        _workers.GetAwaiter().GetResult();
        _workersStop?.Dispose();
        _workersStop = null;
    }

    public void Dispose()
    {
        FinishAllCores();
        _pipeline.Dispose();
        _bench.Dispose();
        _pending.Dispose();
        foreach (var r in _raw)
        {
            r.Dispose();
        }
    }
}
