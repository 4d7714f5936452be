/// The type of a field: decides which values it accepts and how it prints.
public enum FieldType: String, Hashable, Sendable {
    /// Text, compared without regard to case; matches globs and regexes.
    case text
    /// A whole number.
    case int
    /// A decimal number, e.g. a percentage (`used_percent > 90`, `used_percent < 12.5`).
    case number
    /// A size in bytes, written `512M`, `8G`, `300GiB` (binary units).
    case size
    /// true or false (also yes/no, on/off).
    case bool
    /// An IP address; `in` takes a CIDR or a range/prefix name.
    case address
    /// A network in CIDR notation.
    case cidr
}
