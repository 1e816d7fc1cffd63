#pragma once
// The payload of an operation: a small JSON value (null, bool, integer, number, text, array,
// object with keys in insertion order). It is written in one canonical form — no spaces, keys in
// the order the operation's builder added them, integers as integers, numbers in the shortest
// form that reads back to the same double — so the bytes of a payload are what is hashed, and a
// payload read back and written again gives the same bytes.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mentorkit::ops {

class Value;
using Array = std::vector<Value>;
using Member = std::pair<std::string, Value>;
using Object = std::vector<Member>;

/// One JSON value.
class Value {
public:
    enum class Type : std::uint8_t { null, boolean, integer, number, string, array, object };

    Value() = default; // null
    Value(std::nullptr_t) {}
    Value(bool b) : m_type(Type::boolean), m_int(b ? 1 : 0) {}
    Value(int i) : m_type(Type::integer), m_int(i) {}
    Value(std::int64_t i) : m_type(Type::integer), m_int(i) {}
    Value(double d) : m_type(Type::number), m_number(d) {}
    Value(std::string s) : m_type(Type::string), m_string(std::move(s)) {}
    Value(const char* s) : m_type(Type::string), m_string(s) {}
    Value(std::string_view s) : m_type(Type::string), m_string(s) {}
    Value(Array a) : m_type(Type::array), m_array(std::make_shared<Array>(std::move(a))) {}
    Value(Object o) : m_type(Type::object), m_object(std::make_shared<Object>(std::move(o))) {}
    template <typename T>
    Value(const std::optional<T>& v) {
        if (v)
            *this = Value(*v);
    }

    Type type() const noexcept { return m_type; }
    bool is_null() const noexcept { return m_type == Type::null; }
    bool is_bool() const noexcept { return m_type == Type::boolean; }
    bool is_int() const noexcept { return m_type == Type::integer; }
    bool is_number() const noexcept { return m_type == Type::integer || m_type == Type::number; }
    bool is_string() const noexcept { return m_type == Type::string; }
    bool is_array() const noexcept { return m_type == Type::array; }
    bool is_object() const noexcept { return m_type == Type::object; }

    /// The value as a type; InvalidArgument ("<what> must be ...") when it is not that type.
    bool as_bool(std::string_view what) const;
    std::int64_t as_int(std::string_view what) const;
    double as_number(std::string_view what) const;
    const std::string& as_string(std::string_view what) const;
    const Array& as_array(std::string_view what) const;
    const Object& as_object(std::string_view what) const;

    /// A member of an object (null when absent or when this is not an object).
    const Value& operator[](std::string_view key) const noexcept;
    /// True when an object holds the key (even with a null value).
    bool has(std::string_view key) const noexcept;

    /// Canonical JSON text.
    std::string dump() const;
    void dump_to(std::string& out) const;

    /// Parses JSON text (strict: no trailing data, depth at most 32); InvalidArgument when it is
    /// not JSON.
    static Value parse(std::string_view text);

private:
    Type m_type = Type::null;
    std::int64_t m_int = 0; // integers and booleans
    double m_number = 0;
    std::string m_string;
    std::shared_ptr<Array> m_array;
    std::shared_ptr<Object> m_object;
};

/// Appends `text` as a JSON string: quoted, with '"', '\\' and control characters escaped
/// (the canonical form; the audit log's details are written the same way).
void append_quoted(std::string& out, std::string_view text);

/// Builds an object member by member (the canonical order is the order of the calls).
///
/// A payload leaves out members whose value is null: an absent member reads as null (Value's
/// operator[]), and the log holds every operation, so unset optional fields cost nothing. Where
/// an explicit null means something of its own (a change that clears a field, against a field
/// left as it is; a copied row's NULL column, against its default), build with kKeepNulls.
class ObjectBuilder {
public:
    struct KeepNulls {};
    static constexpr KeepNulls kKeepNulls{};

    ObjectBuilder() { m_members.reserve(12); }
    explicit ObjectBuilder(KeepNulls) : m_keep_nulls(true) { m_members.reserve(12); }
    ObjectBuilder& add(std::string key, Value value) {
        if (m_keep_nulls || !value.is_null())
            m_members.emplace_back(std::move(key), std::move(value));
        return *this;
    }
    /// Adds the member only when the value is set.
    template <typename T>
    ObjectBuilder& add_if(std::string key, const std::optional<T>& value) {
        if (value)
            m_members.emplace_back(std::move(key), Value(*value));
        return *this;
    }
    Value done() { return Value(std::move(m_members)); }

private:
    Object m_members;
    bool m_keep_nulls = false;
};

} // namespace mentorkit::ops
