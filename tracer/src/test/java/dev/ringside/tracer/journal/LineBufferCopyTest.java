package dev.ringside.tracer.journal;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** LineBuffer copies short runs by words, the last one overlapping: every length, at every offset, is System.arraycopy's. */
class LineBufferCopyTest {
    @Test
    void textOfEveryLengthAfterEveryOffsetIsTheBytesInOrder() {
        byte[] source = new byte[100];
        for (int i = 0; i < source.length; i++) {
            source[i] = (byte) ('!' + i % 90);
        }
        for (int offset = 0; offset < 9; offset++) {
            for (int length = 0; length <= source.length; length++) {
                byte[] run = Arrays.copyOf(source, length);
                LineBuffer line = new LineBuffer();
                line.text(Arrays.copyOf(source, offset)).text(run).text(new byte[] {'\n'});
                byte[] expected = new byte[offset + length + 1];
                System.arraycopy(source, 0, expected, 0, offset);
                System.arraycopy(run, 0, expected, offset, length);
                expected[offset + length] = '\n';
                assertArrayEquals(expected, Arrays.copyOf(line.bytes(), line.size()), "length " + length + " at " + offset);
            }
        }
    }

    @Test
    void aRepeatedTimeIsCopiedFromItsDigitsWhole() {
        LineBuffer line = new LineBuffer();
        line.time(123456789012345L).text(new byte[] {','}).time(123456789012345L).time(7).time(7);
        assertArrayEquals("123456789012345,12345678901234577".getBytes(), Arrays.copyOf(line.bytes(), line.size()));
    }

    @Test
    void wordsAreTheBytesLittleEndianZeroPadded() {
        byte[] text = "{\"type\":\"cqe_reaped\",\"at\":1234567,\"ring\":\"r0\",\"user_data\":".getBytes();
        for (int length = 0; length <= text.length; length++) {
            long[] expected = new long[(length + 7) / 8];
            for (int i = 0; i < length; i++) {
                expected[i / 8] |= (text[i] & 0xffL) << (8 * (i % 8));
            }
            long[] into = new long[16];
            Arrays.fill(into, -1L);
            assertArrayEquals(expected, Arrays.copyOf(LineBuffer.words(text, length, into), expected.length), "length " + length);
        }
    }
}
