package be.petition.audit;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar, redrawn at most four times a second: records read, percent, records/s. */
final class ProgressBar implements RawTopicReader.ProgressListener {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintStream out;
    private long total;
    private long started;
    private long lastDrawn;

    ProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public void started(long records) {
        total = records;
        started = System.nanoTime();
        lastDrawn = 0;
        draw(0);
    }

    @Override
    public void advanced(long recordsRead) {
        long now = System.nanoTime();
        if (recordsRead >= total || now - lastDrawn >= REDRAW_NANOS) {
            lastDrawn = now;
            draw(recordsRead);
            if (recordsRead >= total) {
                out.println();
            }
        }
    }

    private void draw(long read) {
        double fraction = total == 0 ? 1 : Math.min(1, (double) read / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = (System.nanoTime() - started) / 1e9;
        out.print(String.format(Locale.ROOT, "\rReading [%s%s] %3d%% %,d/%,d records, %,.0f records/s ",
                "#".repeat(filled), " ".repeat(WIDTH - filled), Math.round(fraction * 100), read, total,
                seconds > 0 ? read / seconds : 0.0));
        out.flush();
    }

    /** Tells nothing. */
    static final RawTopicReader.ProgressListener SILENT = new RawTopicReader.ProgressListener() {
        @Override
        public void started(long records) {
        }

        @Override
        public void advanced(long recordsRead) {
        }
    };
}
