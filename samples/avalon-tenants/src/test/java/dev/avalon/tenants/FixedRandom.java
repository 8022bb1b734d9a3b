package dev.avalon.tenants;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** A "random" source that hands out given byte arrays in turn, so tests know the keys they get. */
final class FixedRandom extends SecureRandom {

    private final Deque<byte[]> next;

    FixedRandom(List<byte[]> values) {
        this.next = new ArrayDeque<>(values);
    }

    @Override
    public void nextBytes(byte[] bytes) {
        byte[] value = next.removeFirst();
        System.arraycopy(value, 0, bytes, 0, bytes.length);
    }

    static byte[] filled(int value) {
        byte[] bytes = new byte[KeyFormat.RANDOM_BYTES];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
