using Firmware.Nano.Board;
using Firmware.Nano.SecureElement;

namespace Firmware.Nano.Detection;

/// <summary>
/// What the board provides to the integrity detection function (Docs/mcu.md lists the native side of each).
/// A capability the board lacks is null: its detector reports "cannot be checked" when the policy requires it.
/// </summary>
public sealed class McuBoard
{
    /// <summary>A board.</summary>
    public McuBoard(IFlashReader flash, INvsStore nvs, IResetInfo reset, IMemoryStatus memory, ITaskList tasks,
        ISecureElement element, ElementLayout layout)
    {
        Flash = flash;
        Nvs = nvs;
        Reset = reset;
        Memory = memory;
        Tasks = tasks;
        Element = element;
        Layout = layout ?? ElementLayout.Default;
    }

    /// <summary>The SPI flash.</summary>
    public IFlashReader Flash { get; }

    /// <summary>The durable records.</summary>
    public INvsStore Nvs { get; }

    /// <summary>The reset reason.</summary>
    public IResetInfo Reset { get; }

    /// <summary>Heap figures.</summary>
    public IMemoryStatus Memory { get; }

    /// <summary>The task list.</summary>
    public ITaskList Tasks { get; }

    /// <summary>The secure element.</summary>
    public ISecureElement Element { get; }

    /// <summary>Which slots and counter of the element hold what.</summary>
    public ElementLayout Layout { get; }
}
