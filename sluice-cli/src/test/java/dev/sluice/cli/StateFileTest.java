package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoints of export and import, written over each other in place ({@link StateFile}). */
class StateFileTest {
    private static final ExportState START = new ExportState("account", "statecode eq 0",
            List.of("accountnumber", "name"), null, 0, 7, null);

    @Test
    void eachCheckpointReplacesTheOneBeforeAndReadsBackAsItWasAlsoWhenItIsShorter(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("accounts.csv");
        START.progressed("stale", 99, 99).write(target); // a state file an earlier run left
        try (StateFile checkpoints = ExportState.checkpoints(target)) {
            checkpoints.write(START);
            assertThat(ExportState.read(target)).isEqualTo(START);
            String longId = "0f8fad5b-d9cb-469f-a165-70867728950e";
            ExportState longer = START.progressed(longId, 123_456_000, 9_876_543_210L);
            checkpoints.write(longer);
            assertThat(ExportState.read(target)).isEqualTo(longer);
            ExportState shorter = START.progressed("1", 1000, 42);
            checkpoints.write(shorter);
            assertThat(ExportState.read(target)).isEqualTo(shorter);
            // written over in place: as long as the longest checkpoint, the rest white space
            String text = Files.readString(ExportState.fileFor(target));
            assertThat(text).hasSameSizeAs(Json.MAPPER.writeValueAsString(longer)).endsWith(" ");
        }
        assertThat(dir.resolve("accounts.csv.sluice-export.json.tmp")).doesNotExist();
    }

    @Test
    void aStateLargerThanAPageIsWrittenAndRenamedAndSmallerOnesGoInPlaceAgainAfterIt(@TempDir Path dir)
            throws Exception {
        Path target = dir.resolve("wide.csv");
        List<String> many = Collections.nCopies(400, "new_somewhatlongcolumnname");
        ExportState wide = new ExportState("account", null, many, null, 0, 0, null);
        ExportState narrow = START.progressed("2", 2000, 84);
        try (StateFile checkpoints = ExportState.checkpoints(target)) {
            checkpoints.write(START);
            checkpoints.write(wide.progressed("1", 1000, 5000));
            assertThat(Files.size(ExportState.fileFor(target))).isGreaterThan(StateFile.PAGE);
            assertThat(ExportState.read(target)).isEqualTo(wide.progressed("1", 1000, 5000));
            checkpoints.write(narrow);
            assertThat(ExportState.read(target)).isEqualTo(narrow);
            assertThat(Files.size(ExportState.fileFor(target))).isLessThanOrEqualTo(StateFile.PAGE);
        }
    }

    @Test
    void importCheckpointsGoInPlaceAndReadBack(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("contacts.csv");
        ImportCheckpoint start = new ImportCheckpoint("contact", "UPSERT", List.of("emailaddress1"), "skip", null, 100,
                1_700_000_000_000L, 0, 0, 0, 0, ImportCheckpoint.Counts.ZERO);
        try (StateFile checkpoints = ImportCheckpoint.checkpoints(input)) {
            checkpoints.write(start);
            ImportCheckpoint later = start.at(2001, 2000, 0, 0, new ImportCheckpoint.Counts(1500, 400, 100, 0, 0));
            checkpoints.write(later);
            assertThat(ImportCheckpoint.read(input)).isEqualTo(later);
            ImportCheckpoint last = start.at(12, 11, 0, 0, ImportCheckpoint.Counts.ZERO);
            checkpoints.write(last);
            assertThat(ImportCheckpoint.read(input)).isEqualTo(last);
            assertThat(Files.readString(ImportCheckpoint.fileFor(input))).endsWith(" ");
        }
        assertThat(dir.resolve("contacts.csv.sluice-import.json.tmp")).doesNotExist();
    }

    @Test
    void aMissingOrUnreadableStateIsNone(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("accounts.csv");
        assertThat(ExportState.read(target)).isNull();
        Files.writeString(ExportState.fileFor(target), "{\"table\":\"acc"); // cut short by hand
        assertThat(ExportState.read(target)).isNull();
    }
}
