package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineCountingReaderTests {

    private static final byte[] STRAY_BYTE_ON_LINE_3;

    static {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("a,München\nb,x\nc,M".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xFC);
        bytes.writeBytes("nster\n".getBytes(StandardCharsets.UTF_8));
        STRAY_BYTE_ON_LINE_3 = bytes.toByteArray();
    }

    @Test
    void escapesEachStrayByteAsALoneSurrogateAndReadsOn() throws IOException {
        String text = readAll(new LineCountingReader(new ByteArrayInputStream(STRAY_BYTE_ON_LINE_3),
                StandardCharsets.UTF_8.newDecoder(), true));

        assertThat(text).isEqualTo("a,München\nb,x\nc,M\uDCFCnster\n");
        char escaped = text.charAt(text.indexOf('M', 5) + 1);
        assertThat(LineCountingReader.isEscapedByte(escaped)).isTrue();
        assertThat(LineCountingReader.escapedByte(escaped)).isEqualTo(0xFC);
        assertThat(LineCountingReader.isEscapedByte('ü')).isFalse();
    }

    @Test
    void withoutEscapingAStrayByteStopsReadingNamingItsLine() {
        LineCountingReader reader = new LineCountingReader(new ByteArrayInputStream(STRAY_BYTE_ON_LINE_3),
                new CsvDialect(StandardCharsets.UTF_8, 0, ',', false, List.of()).newDecoder(), false);

        assertThatThrownBy(() -> readAll(reader)).isInstanceOf(LineCountingReader.UndecodableInputException.class)
            .extracting(ex -> ((LineCountingReader.UndecodableInputException) ex).line())
            .isEqualTo(3L);
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[4];
        for (int read; (read = reader.read(buffer, 0, buffer.length)) >= 0;) {
            text.append(buffer, 0, read);
        }
        return text.toString();
    }

}
