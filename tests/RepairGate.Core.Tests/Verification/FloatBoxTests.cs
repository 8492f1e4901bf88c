using RepairGate.Core.Specs;
using RepairGate.Core.Verification;

namespace RepairGate.Core.Tests.Verification;

public class FloatBoxTests
{
    [Fact]
    public void Bounds_round_inward_to_float32()
    {
        var box = new FloatBox(new InputBox([0.1, -0.1], [0.3, 0.7]));
        Assert.True(box.Lower[0] >= 0.1 && (double)MathF.BitDecrement(box.Lower[0]) < 0.1);
        Assert.True(box.Lower[1] >= -0.1 && (double)MathF.BitDecrement(box.Lower[1]) < -0.1);
        Assert.True(box.Upper[0] <= 0.3 && (double)MathF.BitIncrement(box.Upper[0]) > 0.3);
        Assert.False(box.IsEmpty);
    }

    [Fact]
    public void Exactly_representable_bounds_are_kept()
    {
        var box = new FloatBox(new InputBox([0.5, -2], [0.5, 4]));
        Assert.Equal([0.5f, -2f], box.Lower);
        Assert.Equal([0.5f, 4f], box.Upper);
    }

    [Fact]
    public void A_box_between_two_floats_is_empty()
    {
        var below = (double)1f;
        var above = (double)MathF.BitIncrement(1f);
        var box = new FloatBox(new InputBox([below + (above - below) / 3], [below + 2 * (above - below) / 3]));
        Assert.True(box.IsEmpty);
    }

    [Fact]
    public void Snap_keeps_points_inside()
    {
        var box = new FloatBox(new InputBox([0.1, 0.2], [0.3, 0.4]));
        var point = box.Snap([0.0999999999, 5.0]);
        Assert.Equal(box.Lower[0], point[0]);
        Assert.Equal(box.Upper[1], point[1]);
    }
}
