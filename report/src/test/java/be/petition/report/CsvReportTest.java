package be.petition.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReportTest {

    @Test
    void aCellThatASpreadsheetWouldRunAsAFormulaIsWrittenAsText() {
        assertThat(CsvReport.field("=HYPERLINK(\"evil.example\",\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"evil.example\"\",\"\"x\"\")\"");
        assertThat(CsvReport.field("+32")).isEqualTo("'+32");
        assertThat(CsvReport.field("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvReport.field("@SUM(1)")).isEqualTo("'@SUM(1)");
        assertThat(CsvReport.field("BE-VAN")).isEqualTo("BE-VAN");

        String csv = CsvReport.render(List.of(new DayCount(LocalDate.of(2023, 11, 20), "WEB", "=1+1", 3)),
                Texts.of("fr"), false);
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).startsWith("2023-11-20,WEB,'=1+1,").endsWith(",3");
    }
}
