#include "ops/codec.hpp"

#include "mentorkit/error.hpp"
#include "mentorkit/limits.hpp"
#include "store_impl.hpp"

#include <limits>

namespace mentorkit::ops {

Value uid_value(const Uid& u) {
    return Value(u.to_string());
}

Uid Encoder::uid(storage::Table t, std::int64_t id, const char* what) {
    auto u = m_impl.uid_of(t, id);
    if (!u)
        throw NotFound(std::string(what) + " " + std::to_string(id) + " does not exist");
    return *u;
}

Value Encoder::instant(Timestamp t) {
    return Value(detail::to_millis(t));
}

PersonId Decoder::actor_required() const {
    if (!m_actor)
        throw InvalidArgument("the operation names no actor; this change needs one");
    return *m_actor;
}

Uid Decoder::uid(std::string_view key) const {
    return Uid::parse(m_payload[key].as_string(key));
}

std::int64_t Decoder::local(storage::Table t, const Uid& u, const char* what) const {
    auto id = m_impl.id_of(t, u);
    if (!id)
        throw NotFound(std::string(what) + " " + u.to_string() + " is not in this store");
    return *id;
}

std::string Decoder::text(std::string_view key) const {
    return m_payload[key].as_string(key);
}

std::optional<std::string> Decoder::opt_text(std::string_view key) const {
    if (m_payload[key].is_null())
        return std::nullopt;
    return text(key);
}

std::int64_t Decoder::int64(std::string_view key) const {
    return m_payload[key].as_int(key);
}

int Decoder::integer(std::string_view key) const {
    std::int64_t v = int64(key);
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
        throw InvalidArgument(std::string(key) + " is out of range");
    return static_cast<int>(v);
}

std::optional<int> Decoder::opt_integer(std::string_view key) const {
    if (m_payload[key].is_null())
        return std::nullopt;
    return integer(key);
}

double Decoder::number(std::string_view key) const {
    return m_payload[key].as_number(key);
}

std::optional<double> Decoder::opt_number(std::string_view key) const {
    if (m_payload[key].is_null())
        return std::nullopt;
    return number(key);
}

bool Decoder::boolean(std::string_view key) const {
    return m_payload[key].as_bool(key);
}

Date Decoder::date(std::string_view key) const {
    return parse_date(text(key));
}

std::optional<Date> Decoder::opt_date(std::string_view key) const {
    if (m_payload[key].is_null())
        return std::nullopt;
    return date(key);
}

Timestamp Decoder::instant(std::string_view key) const {
    return detail::from_millis(int64(key));
}

std::optional<Timestamp> Decoder::opt_instant(std::string_view key) const {
    if (m_payload[key].is_null())
        return std::nullopt;
    return instant(key);
}

} // namespace mentorkit::ops
