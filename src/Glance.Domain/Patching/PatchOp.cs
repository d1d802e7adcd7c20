namespace Glance.Domain.Patching;

public enum PatchOp
{
    Add,
    Remove,
    Replace,
}
