using System.Text;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Hardware.Security;

public sealed partial class Pkcs11KeyStore
{
    /// <summary>
    /// Checks that the token this store opened is still the one in its slot and still accepts the
    /// store's login; returns null when it does, otherwise what is wrong: the token is not present
    /// (removed), another token (other label or serial number) is in the slot, the user PIN is locked
    /// (CKF_USER_PIN_LOCKED), or a login with the store's PIN is refused (after the token forgot this
    /// application's login, for example when it was removed and put back). PKCS#11 v2.40 §5.5
    /// (C_GetSlotList, C_GetTokenInfo), §5.6 (C_GetSessionInfo, C_Login).
    /// </summary>
    public string? CheckToken()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var alone = _library.Token.EnterScope();
        try
        {
            var slot = _library.Library.GetSlotList(SlotsType.WithTokenPresent).FirstOrDefault(s => s.SlotId == _slot.SlotId);
            if (slot is null)
            {
                return $"the token '{_options.TokenLabel}' is not present (removed from slot {_slot.SlotId})";
            }

            var info = slot.GetTokenInfo();
            if (info.Label.Trim() != _options.TokenLabel || info.SerialNumber != _serial)
            {
                return $"another token is in slot {_slot.SlotId}: '{info.Label.Trim()}' serial {info.SerialNumber.Trim()}, expected '{_options.TokenLabel}' serial {_serial.Trim()}";
            }

            if (info.TokenFlags.UserPinLocked)
            {
                return $"the token '{_options.TokenLabel}' refuses login: the user PIN is locked";
            }

            using var session = slot.OpenSession(SessionType.ReadOnly);
            if (session.GetSessionInfo().State is not (CKS.CKS_RO_USER_FUNCTIONS or CKS.CKS_RW_USER_FUNCTIONS))
            {
                try
                {
                    session.Login(CKU.CKU_USER, Encoding.UTF8.GetBytes(_options.UserPin));
                }
                catch (Pkcs11Exception e) when (e.RV != CKR.CKR_USER_ALREADY_LOGGED_IN)
                {
                    return $"the token '{_options.TokenLabel}' refuses login: {e.RV}";
                }
            }

            return null;
        }
        catch (Pkcs11Exception e)
        {
            return $"the token '{_options.TokenLabel}' does not answer: PKCS#11 {e.Method} {e.RV}";
        }
    }
}
