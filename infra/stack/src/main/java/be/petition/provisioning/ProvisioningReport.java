package be.petition.provisioning;

import java.util.List;

/**
 * What provisioning found and did. Existing topics are never changed: where they differ from the wanted
 * settings, {@link #differences()} says how, for an operator to decide.
 */
public record ProvisioningReport(List<String> created, List<String> existing, List<String> differences) {

    public ProvisioningReport {
        created = List.copyOf(created);
        existing = List.copyOf(existing);
        differences = List.copyOf(differences);
    }

    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append("Created ").append(created.size()).append(" topic(s)").append(created.isEmpty() ? "" : ": " + created)
                .append("; ").append(existing.size()).append(" already existed")
                .append(existing.isEmpty() ? "" : ": " + existing);
        differences.forEach(difference -> text.append(System.lineSeparator()).append("  differs (left as is): ")
                .append(difference));
        return text.toString();
    }
}
