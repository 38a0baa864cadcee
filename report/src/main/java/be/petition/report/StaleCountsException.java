package be.petition.report;

/** The query API answered, but says some counts could not be read (an instance down or restoring): try later. */
public class StaleCountsException extends ReportException {
    public StaleCountsException(String message) {
        super(message);
    }
}
