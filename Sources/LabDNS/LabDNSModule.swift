import LabModel
/// Placeholder so the target builds until its issue fills it in.
public enum LabDNSModule {}
