#include "ops/json.hpp"

#include "mentorkit/error.hpp"
#include "text.hpp"

#include <charconv>
#include <cmath>
#include <cstring>

namespace mentorkit::ops {

namespace {

const Value& null_value() {
    static const Value v;
    return v;
}

[[noreturn]] void type_error(std::string_view what, const char* type) {
    throw InvalidArgument(std::string(what) + " must be " + type);
}

// A strict recursive-descent parser over the canonical subset and ordinary JSON.
class Parser {
public:
    explicit Parser(std::string_view text) : m_text(text) {}

    Value document() {
        Value v = value(0);
        skip_space();
        if (m_pos != m_text.size())
            fail("trailing data");
        return v;
    }

private:
    [[noreturn]] void fail(const char* why) const {
        throw InvalidArgument(std::string("an operation payload is not valid JSON (") + why +
                              " at byte " + std::to_string(m_pos) + ")");
    }
    void skip_space() {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\n' ||
                                         m_text[m_pos] == '\r' || m_text[m_pos] == '\t'))
            ++m_pos;
    }
    bool eat(char c) {
        skip_space();
        if (m_pos < m_text.size() && m_text[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }
    void expect(char c) {
        if (!eat(c))
            fail("unexpected character");
    }
    bool literal(std::string_view word) {
        if (m_text.substr(m_pos, word.size()) == word) {
            m_pos += word.size();
            return true;
        }
        return false;
    }

    Value value(int depth) {
        if (depth > 32)
            fail("nested too deeply");
        skip_space();
        if (m_pos >= m_text.size())
            fail("unexpected end");
        char c = m_text[m_pos];
        if (c == '{') {
            ++m_pos;
            Object o;
            o.reserve(8); // an operation's payload: a handful of members
            if (eat('}'))
                return Value(std::move(o));
            do {
                skip_space();
                std::string key = string();
                expect(':');
                Value v = value(depth + 1);
                o.emplace_back(std::move(key), std::move(v));
            } while (eat(','));
            expect('}');
            return Value(std::move(o));
        }
        if (c == '[') {
            ++m_pos;
            Array a;
            if (eat(']'))
                return Value(std::move(a));
            do
                a.push_back(value(depth + 1));
            while (eat(','));
            expect(']');
            return Value(std::move(a));
        }
        if (c == '"')
            return Value(string());
        if (literal("null"))
            return Value();
        if (literal("true"))
            return Value(true);
        if (literal("false"))
            return Value(false);
        return number();
    }

    std::string string() {
        if (m_pos >= m_text.size() || m_text[m_pos] != '"')
            fail("a string was expected");
        ++m_pos;
        // Most strings hold no escape: copied at once, and checked as UTF-8 only when they
        // hold a byte outside ASCII.
        const std::size_t start = m_pos;
        unsigned char high = 0;
        while (m_pos < m_text.size()) {
            const auto c = static_cast<unsigned char>(m_text[m_pos]);
            if (c == '"' || c == '\\' || c < 0x20)
                break;
            high |= c;
            ++m_pos;
        }
        std::string out(m_text.substr(start, m_pos - start));
        if (m_pos < m_text.size() && m_text[m_pos] == '"') {
            ++m_pos;
            if ((high & 0x80) != 0 && detail::utf8_error(out) != std::string::npos)
                fail("a string that is not UTF-8");
            return out;
        }
        while (true) {
            if (m_pos >= m_text.size())
                fail("unterminated string");
            char c = m_text[m_pos++];
            if (c == '"')
                break;
            if (static_cast<unsigned char>(c) < 0x20)
                fail("a control character in a string");
            if (c != '\\') {
                out += c;
                continue;
            }
            if (m_pos >= m_text.size())
                fail("unterminated escape");
            char e = m_text[m_pos++];
            switch (e) {
            case '"':
            case '\\':
            case '/':
                out += e;
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'u': {
                std::uint32_t cp = hex4();
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    if (!literal("\\u"))
                        fail("a lone surrogate");
                    std::uint32_t lo = hex4();
                    if (lo < 0xDC00 || lo > 0xDFFF)
                        fail("a lone surrogate");
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    fail("a lone surrogate");
                }
                append_utf8(out, cp);
                break;
            }
            default:
                fail("an unknown escape");
            }
        }
        if (detail::utf8_error(out) != std::string::npos)
            fail("a string that is not UTF-8");
        return out;
    }

    std::uint32_t hex4() {
        if (m_pos + 4 > m_text.size())
            fail("a short \\u escape");
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) {
            char c = m_text[m_pos++];
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= static_cast<std::uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f')
                v |= static_cast<std::uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                v |= static_cast<std::uint32_t>(c - 'A' + 10);
            else
                fail("a bad \\u escape");
        }
        return v;
    }

    static void append_utf8(std::string& out, std::uint32_t cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    Value number() {
        std::size_t start = m_pos;
        bool is_float = false;
        if (m_pos < m_text.size() && m_text[m_pos] == '-')
            ++m_pos;
        while (m_pos < m_text.size()) {
            char c = m_text[m_pos];
            if (c >= '0' && c <= '9') {
                ++m_pos;
            } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                is_float = true;
                ++m_pos;
            } else {
                break;
            }
        }
        if (m_pos == start)
            fail("a value was expected");
        const char* b = m_text.data() + start;
        const char* e = m_text.data() + m_pos;
        if (!is_float) {
            std::int64_t i = 0;
            auto r = std::from_chars(b, e, i);
            if (r.ec == std::errc() && r.ptr == e)
                return Value(i);
        }
        double d = 0;
        auto r = std::from_chars(b, e, d);
        if (r.ec != std::errc() || r.ptr != e || !std::isfinite(d))
            fail("a malformed number");
        return Value(d);
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
};

} // namespace

void append_quoted(std::string& out, std::string_view s) {
    out += '"';
    std::size_t run = 0; // start of the characters not yet copied
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue; // copied with its run
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default: {
            static const char* hex = "0123456789abcdef";
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
        }
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

bool Value::as_bool(std::string_view what) const {
    if (!is_bool())
        type_error(what, "true or false");
    return m_int != 0;
}

std::int64_t Value::as_int(std::string_view what) const {
    if (!is_int())
        type_error(what, "an integer");
    return m_int;
}

double Value::as_number(std::string_view what) const {
    if (is_int())
        return static_cast<double>(m_int);
    if (m_type != Type::number)
        type_error(what, "a number");
    return m_number;
}

const std::string& Value::as_string(std::string_view what) const {
    if (!is_string())
        type_error(what, "text");
    return m_string;
}

const Array& Value::as_array(std::string_view what) const {
    if (!is_array())
        type_error(what, "a list");
    return *m_array;
}

const Object& Value::as_object(std::string_view what) const {
    if (!is_object())
        type_error(what, "an object");
    return *m_object;
}

const Value& Value::operator[](std::string_view key) const noexcept {
    if (!is_object())
        return null_value();
    for (const Member& m : *m_object)
        if (m.first == key)
            return m.second;
    return null_value();
}

bool Value::has(std::string_view key) const noexcept {
    if (!is_object())
        return false;
    for (const Member& m : *m_object)
        if (m.first == key)
            return true;
    return false;
}

void Value::dump_to(std::string& out) const {
    switch (m_type) {
    case Type::null:
        out += "null";
        return;
    case Type::boolean:
        out += m_int ? "true" : "false";
        return;
    case Type::integer: {
        char buf[24];
        auto r = std::to_chars(buf, buf + sizeof buf, m_int);
        out.append(buf, r.ptr);
        return;
    }
    case Type::number: {
        // The shortest form that reads back to the same double; always with a '.' or an
        // exponent, so it reads back as a number, not an integer.
        double d = m_number;
        char buf[40];
        auto r = std::to_chars(buf, buf + sizeof buf, d);
        std::string_view s(buf, static_cast<std::size_t>(r.ptr - buf));
        out += s;
        if (s.find_first_of(".eE") == std::string_view::npos)
            out += ".0";
        return;
    }
    case Type::string:
        append_quoted(out, m_string);
        return;
    case Type::array: {
        out += '[';
        bool first = true;
        for (const Value& v : *m_array) {
            if (!first)
                out += ',';
            first = false;
            v.dump_to(out);
        }
        out += ']';
        return;
    }
    case Type::object: {
        out += '{';
        bool first = true;
        for (const Member& m : *m_object) {
            if (!first)
                out += ',';
            first = false;
            append_quoted(out, m.first);
            out += ':';
            m.second.dump_to(out);
        }
        out += '}';
        return;
    }
    }
}

std::string Value::dump() const {
    std::string out;
    out.reserve(256);
    dump_to(out);
    return out;
}

Value Value::parse(std::string_view text) {
    return Parser(text).document();
}

} // namespace mentorkit::ops
