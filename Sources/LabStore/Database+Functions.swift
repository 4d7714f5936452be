import CSQLite

/// A Swift body behind an SQL function; retained by SQLite until the function is replaced
/// or the connection closes.
private final class SQLFunctionBody {
    let body: ([SQLValue]) throws -> SQLValue

    init(_ body: @escaping ([SQLValue]) throws -> SQLValue) {
        self.body = body
    }
}

extension Database {
    /// Defines a deterministic scalar SQL function `name` on this connection, implemented
    /// by `body` (e.g. `regexp`, which SQLite leaves undefined). A thrown error becomes the
    /// SQL error of the statement that called it.
    public func defineFunction(_ name: String, argumentCount: Int32, _ body: @escaping ([SQLValue]) throws -> SQLValue) throws(StoreError) {
        let box = Unmanaged.passRetained(SQLFunctionBody(body)).toOpaque()
        let rc = sqlite3_create_function_v2(
            handle, name, argumentCount, SQLITE_UTF8 | SQLITE_DETERMINISTIC, box,
            { context, count, values in
                let body = Unmanaged<SQLFunctionBody>.fromOpaque(sqlite3_user_data(context)!).takeUnretainedValue()
                var arguments: [SQLValue] = []
                for index in 0..<Int(count) {
                    arguments.append(SQLFunctionValue.read(values![index]))
                }
                do {
                    SQLFunctionValue.write(try body.body(arguments), to: context)
                } catch {
                    sqlite3_result_error(context, "\(error)", -1)
                }
            },
            nil, nil,
            { box in if let box { Unmanaged<SQLFunctionBody>.fromOpaque(box).release() } })
        guard rc == SQLITE_OK else {
            throw StoreError(code: rc, message: "could not define SQL function \(name)")
        }
    }
}

/// Conversions between SQLite function arguments/results and `SQLValue`.
private enum SQLFunctionValue {
    static func read(_ value: OpaquePointer?) -> SQLValue {
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER: return .integer(sqlite3_value_int64(value))
        case SQLITE_FLOAT: return .real(sqlite3_value_double(value))
        case SQLITE_TEXT: return .text(String(cString: sqlite3_value_text(value)))
        case SQLITE_BLOB:
            let count = Int(sqlite3_value_bytes(value))
            guard count > 0, let pointer = sqlite3_value_blob(value) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
        default: return .null
        }
    }

    static func write(_ value: SQLValue, to context: OpaquePointer?) {
        switch value {
        case .null: sqlite3_result_null(context)
        case .integer(let v): sqlite3_result_int64(context, v)
        case .real(let v): sqlite3_result_double(context, v)
        case .text(let v): sqlite3_result_text(context, v, -1, labdb_sqlite_transient())
        case .blob(let v): v.withUnsafeBytes { sqlite3_result_blob(context, $0.baseAddress, Int32($0.count), labdb_sqlite_transient()) }
        }
    }
}
