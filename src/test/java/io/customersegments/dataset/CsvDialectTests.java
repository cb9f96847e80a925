package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class CsvDialectTests {

    @Test
    void picksTheDelimiterThatSplitsEveryLineAlike() {
        assertThat(CsvDialect.sniffDelimiter("a,b;c\n1,2;3\n4,5;6\n")).isEqualTo(',');
        assertThat(CsvDialect.sniffDelimiter("a;b;c\n1,5;2;3\n4;5,5;6\n")).isEqualTo(';');
        assertThat(CsvDialect.sniffDelimiter("a\tb\n1\t2\n")).isEqualTo('\t');
        assertThat(CsvDialect.sniffDelimiter("a|b\n\"x,y,z\"|2\n")).isEqualTo('|');
        assertThat(CsvDialect.sniffDelimiter("single\n1\n2\n")).isEqualTo(',');
    }

    @Test
    void readsTheEncodingFromTheBomElseFromTheBytes() {
        byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', '\n' };
        byte[] latin = "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf8 = "caf\u00e9\n".getBytes(StandardCharsets.UTF_8);

        assertThat(CsvDialect.sniff(bom, bom.length, true, null, null)).extracting(CsvDialect::charset, CsvDialect::bomLength)
            .containsExactly(StandardCharsets.UTF_8, 3);
        assertThat(CsvDialect.sniff(latin, latin.length, true, null, null).charset())
            .isEqualTo(Charset.forName("windows-1252"));
        assertThat(CsvDialect.sniff(utf8, utf8.length, true, null, null).charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void refusesAWideEncodingAskedForAFileWithoutZeroBytes() {
        byte[] utf8 = "id,x\n1,2\n2,3\n".getBytes(StandardCharsets.UTF_8);
        byte[] utf16 = "id,x\n1,2\n".getBytes(StandardCharsets.UTF_16LE);

        for (String wide : new String[] { "UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32" }) {
            assertThatThrownBy(() -> CsvDialect.sniff(utf8, utf8.length, true, Charset.forName(wide), null)).as(wide)
                .isInstanceOf(InvalidCsvException.class)
                .hasMessageContaining("encoding=" + Charset.forName(wide).name() + " was given")
                .hasMessageContaining("no zero byte");
        }
        assertThat(CsvDialect.sniff(utf16, utf16.length, true, StandardCharsets.UTF_16LE, null).charset())
            .isEqualTo(StandardCharsets.UTF_16LE);
        assertThat(CsvDialect.sniff(utf8, utf8.length, true, StandardCharsets.ISO_8859_1, null).charset())
            .isEqualTo(StandardCharsets.ISO_8859_1);
        // Encodings of two bytes a character for CJK text write ASCII as one byte, without zeros.
        for (String cjk : new String[] { "GBK", "Shift_JIS", "EUC-KR", "Big5", "GB18030" }) {
            byte[] file = "id,城市\n1,東京\n".getBytes(Charset.forName(cjk));
            assertThat(CsvDialect.sniff(file, file.length, true, Charset.forName(cjk), null).charset()).as(cjk)
                .isEqualTo(Charset.forName(cjk));
        }
    }

    @Test
    void toleratesAUtf8CharacterCutAtTheEndOfTheSniffedPrefix() {
        byte[] utf8 = "a,b\n1,\u00e9".getBytes(StandardCharsets.UTF_8);

        assertThat(CsvDialect.sniff(utf8, utf8.length - 1, false, null, null).charset()).isEqualTo(StandardCharsets.UTF_8);
    }

}
