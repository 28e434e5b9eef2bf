using VisionDrive.Parking.TestSupport;
using System;
using System.Linq;
using VisionDrive.Parking.Data.DynamoDb.Hashing;
using VisionDrive.Parking.Data.DynamoDb.Mapping;

namespace VisionDrive.Parking.Data.Tests.Hashing;

public class ItemChecksumTests
{
    [Fact]
    public void The_checksum_does_not_depend_on_the_order_items_are_added()
    {
        var items = EntitySamples.All().Select(e => ParkingItemMapper.ToItem(e)).ToList();
        var forward = new ItemChecksum();
        items.ForEach(forward.Add);
        var backward = new ItemChecksum();
        Enumerable.Reverse(items).ToList().ForEach(backward.Add);

        backward.Should().Be(forward);
        backward.Value.Should().Be(forward.Value);
        forward.Count.Should().Be(items.Count);
    }

    [Fact]
    public void A_duplicated_item_changes_the_checksum_instead_of_cancelling_out()
    {
        var a = ParkingItemMapper.ToItem(EntitySamples.Tenant());
        var b = ParkingItemMapper.ToItem(EntitySamples.Site());

        var once = new ItemChecksum();
        once.Add(b);
        var twice = new ItemChecksum();
        twice.Add(a);
        twice.Add(a);
        twice.Add(b);
        var withoutCount = new ItemChecksum();
        withoutCount.Add(b);
        withoutCount.Add(a);

        twice.Value.Should().NotBe(once.Value, "a xor would cancel the duplicate pair");
        twice.Should().NotBe(withoutCount);
        twice.Value.Should().NotBe(withoutCount.Value);
    }

    [Fact]
    public void A_changed_item_changes_the_checksum()
    {
        var source = new ItemChecksum();
        source.Add(ParkingItemMapper.ToItem(EntitySamples.Zone()));
        var target = new ItemChecksum();
        target.Add(ParkingItemMapper.ToItem(EntitySamples.Zone() with { Name = "Zone B" }));
        target.Count.Should().Be(source.Count);
        target.Should().NotBe(source);
    }

    [Fact]
    public void Merged_partial_checksums_equal_one_checksum_over_all_items()
    {
        var items = EntitySamples.All().Select(e => ParkingItemMapper.ToItem(e)).ToList();
        var whole = new ItemChecksum();
        items.ForEach(whole.Add);

        var first = new ItemChecksum();
        var second = new ItemChecksum();
        for (var i = 0; i < items.Count; i++)
        {
            (i % 2 == 0 ? first : second).Add(items[i]);
        }

        second.Merge(first);
        second.Should().Be(whole);
        second.GetHashCode().Should().Be(whole.GetHashCode());
        second.ToString().Should().Be($"{items.Count}:{whole.Value}");
    }

    [Fact]
    public void Adding_a_hash_equals_adding_the_item_and_sums_wrap_modulo_2_to_the_128()
    {
        var item = ParkingItemMapper.ToItem(EntitySamples.Tenant());
        var byItem = new ItemChecksum();
        byItem.Add(item);
        var byHash = new ItemChecksum();
        byHash.Add(ItemHash.Compute(item));
        byHash.Should().Be(byItem);

        var wrap = new ItemChecksum();
        wrap.Add(UInt128.MaxValue);
        wrap.Add(UInt128.One);
        wrap.Value.Should().Be(new string('0', 32));
        wrap.Count.Should().Be(2);
        new ItemChecksum().Value.Should().Be(new string('0', 32));
    }
}
