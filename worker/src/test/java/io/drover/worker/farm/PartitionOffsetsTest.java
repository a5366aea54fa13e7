package io.drover.worker.farm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartitionOffsetsTest {
    private final PartitionOffsets offsets = new PartitionOffsets();

    @Test
    void nothingReadNothingToCommit() {
        assertThat(offsets.toCommit()).isEqualTo(-1);
    }

    @Test
    void commitsPastTheNewestWhenAllEnded() {
        offsets.received(5);
        offsets.received(6);
        offsets.finished(5);
        offsets.finished(6);
        assertThat(offsets.toCommit()).isEqualTo(7);
    }

    @Test
    void neverCommitsPastTheOldestUnfinishedJob() {
        offsets.received(10);
        offsets.received(11);
        offsets.received(12);
        offsets.finished(11);
        offsets.finished(12);
        assertThat(offsets.toCommit()).isEqualTo(10);
        offsets.committed(10);
        assertThat(offsets.toCommit()).as("nothing new to commit").isEqualTo(-1);
        offsets.finished(10);
        assertThat(offsets.toCommit()).isEqualTo(13);
        assertThat(offsets.unfinished()).isZero();
    }

    @Test
    void aJobEndingOutOfOrderMovesTheCommitOnlyWhenTheOldestEnds() {
        offsets.received(0);
        offsets.received(1);
        offsets.finished(1);
        assertThat(offsets.toCommit()).isEqualTo(0);
        offsets.committed(0);
        offsets.received(2);
        offsets.finished(0);
        assertThat(offsets.toCommit()).isEqualTo(2);
    }

    @Test
    void aCommitNeverGoesBack() {
        offsets.received(3);
        offsets.finished(3);
        offsets.committed(4);
        offsets.received(4);
        assertThat(offsets.toCommit()).isEqualTo(-1);
        offsets.finished(4);
        assertThat(offsets.toCommit()).isEqualTo(5);
    }

    @Test
    void anOffsetNeverReadIsIgnored() {
        offsets.received(1);
        offsets.finished(7);
        assertThat(offsets.toCommit()).isEqualTo(1);
    }
}
