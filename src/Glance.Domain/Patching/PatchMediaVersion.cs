namespace Glance.Domain.Patching;

public enum PatchMediaVersion
{
    V20,
    V21,
}
