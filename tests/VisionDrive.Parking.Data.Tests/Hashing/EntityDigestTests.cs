using VisionDrive.Parking.TestSupport;
using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.DynamoDBv2.Model;
using VisionDrive.Parking.Data.DynamoDb.Hashing;
using VisionDrive.Parking.Data.DynamoDb.Mapping;
using VisionDrive.Parking.Migration.Verification;

namespace VisionDrive.Parking.Data.Tests.Hashing;

/// <summary>
/// The order-independent checksum of a set of items (docs/canonical-hash.md), as the migration computes it: <see cref="EntityDigest"/>.
/// These were the tests of the public <c>ItemChecksum</c>, its twin, which was removed; the assertions are the same where the members are.
/// </summary>
public class EntityDigestTests
{
    [Fact]
    public void The_checksum_does_not_depend_on_the_order_items_are_added()
    {
        var items = EntitySamples.All().Select(e => ParkingItemMapper.ToItem(e)).ToList();
        var forward = new EntityDigest();
        items.ForEach(i => Add(forward, i));
        var backward = new EntityDigest();
        Enumerable.Reverse(items).ToList().ForEach(i => Add(backward, i));

        backward.SameAs(forward).Should().BeTrue();
        backward.Checksum.Should().Be(forward.Checksum);
        backward.DifferingBuckets(forward).Should().AllBeEquivalentTo(false);
        forward.Count.Should().Be(items.Count);
    }

    [Fact]
    public void A_duplicated_item_changes_the_checksum_instead_of_cancelling_out()
    {
        var a = ParkingItemMapper.ToItem(EntitySamples.Tenant());
        var b = ParkingItemMapper.ToItem(EntitySamples.Site());

        var once = new EntityDigest();
        Add(once, b);
        var twice = new EntityDigest();
        Add(twice, a);
        Add(twice, a);
        Add(twice, b);
        var withoutCount = new EntityDigest();
        Add(withoutCount, b);
        Add(withoutCount, a);

        twice.Checksum.Should().NotBe(once.Checksum, "a xor would cancel the duplicate pair");
        twice.SameAs(withoutCount).Should().BeFalse();
        twice.Checksum.Should().NotBe(withoutCount.Checksum);
    }

    [Fact]
    public void A_changed_item_changes_the_checksum_and_only_its_own_bucket()
    {
        var zone = ParkingItemMapper.ToItem(EntitySamples.Zone());
        var source = new EntityDigest();
        Add(source, zone);
        var target = new EntityDigest();
        Add(target, ParkingItemMapper.ToItem(EntitySamples.Zone() with { Name = "Zone B" }));

        target.Count.Should().Be(source.Count);
        target.SameAs(source).Should().BeFalse();
        var differing = target.DifferingBuckets(source);
        differing.Count(d => d).Should().Be(1);
        differing[EntityDigest.BucketOf(zone["PK"].S, zone["SK"].S)].Should().BeTrue();
    }

    [Fact]
    public void Merged_partial_checksums_equal_one_checksum_over_all_items()
    {
        var items = EntitySamples.All().Select(e => ParkingItemMapper.ToItem(e)).ToList();
        var whole = new EntityDigest();
        items.ForEach(i => Add(whole, i));

        var first = new EntityDigest();
        var second = new EntityDigest();
        for (var i = 0; i < items.Count; i++)
        {
            Add(i % 2 == 0 ? first : second, items[i]);
        }

        second.Merge(first);
        second.SameAs(whole).Should().BeTrue();
        second.Checksum.Should().Be(whole.Checksum);
        second.Count.Should().Be(items.Count);
        second.DifferingBuckets(whole).Should().AllBeEquivalentTo(false);
    }

    [Fact]
    public void Sums_wrap_modulo_2_to_the_128_and_an_empty_digest_is_all_zeros()
    {
        var wrap = new EntityDigest();
        wrap.Add("PK", "SK", UInt128.MaxValue);
        wrap.Add("PK", "SK", UInt128.One);
        wrap.Checksum.Should().Be(new string('0', 32));
        wrap.Count.Should().Be(2);
        new EntityDigest().Checksum.Should().Be(new string('0', 32));
    }

    private static void Add(EntityDigest digest, Dictionary<string, AttributeValue> item) =>
        digest.Add(item["PK"].S, item["SK"].S, ItemHash.Compute(item));
}
