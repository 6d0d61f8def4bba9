using System.Buffers.Binary;
using Firmware.SecurePartition.Boot;
using Firmware.SecurePartition.Encoding;
using Firmware.SecurePartition.Triggers;

namespace Firmware.SecurePartition.Detection;

public sealed partial class IntegrityDetectionFunction
{
    /// <summary>The installed update this boot runs, until <see cref="CompleteUpdate"/> reports it (null when none).</summary>
    public UpdateRecord? PendingUpdate { get; private set; }

    /// <summary>
    /// Patent ¶114, "when a firmware or software update completes, noting whether it came over the
    /// air": after the restart that runs an installed update, a full scan with
    /// <see cref="TriggerKind.UpdateOverTheAir"/> or <see cref="TriggerKind.UpdateLocal"/> as the
    /// record's origin says, then the record is removed. The secure partition calls this once its
    /// black-box recorder listens; a power cut in between raises it again at the next boot.
    /// </summary>
    public ScanResult? CompleteUpdate()
    {
        if (PendingUpdate is not { } update)
        {
            return null;
        }

        var target = update.Target.Length == 0 ? "flash" : update.Target;
        var scan = Scan(update.Trigger, $"update to {update.Release} (secure version {update.SecureVersion}, generation {update.Generation}) completed: {target}");
        UpdateRecord.Clear(_board.Storage);
        PendingUpdate = null;
        return scan;
    }

    // Before the flash generation is read: a pending update whose target booted brings its
    // generation (a sanctioned re-install, like a re-flash); one whose target did not boot never
    // switched and is dropped. Returns a note for the boot report.
    private string AdoptPendingUpdate()
    {
        var store = _board.Storage;
        UpdateRecord? pending;
        try
        {
            pending = UpdateRecord.Read(store);
        }
        catch (MalformedDataException e)
        {
            UpdateRecord.Clear(store);
            return $"a malformed update record was discarded ({e.Message})";
        }

        if (pending is null)
        {
            return "";
        }

        var booted = _board.Deployment?.Root ?? "";
        if (!string.Equals(pending.Target, booted, StringComparison.Ordinal))
        {
            UpdateRecord.Clear(store);
            return $"the update to {pending.Release} at {pending.Target} did not switch: {(booted.Length == 0 ? "flash" : booted)} booted";
        }

        if (pending.Generation > ReadU64(store, MeasuredBoot.FlashGenerationKey))
        {
            var bytes = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(bytes, pending.Generation);
            store.Write(MeasuredBoot.FlashGenerationKey, bytes);
        }

        PendingUpdate = pending;
        return "";
    }
}
