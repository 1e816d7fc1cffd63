#pragma once
// The key operations other areas add to their own batches (keys.cpp).

#include "mentorkit/identity.hpp"
#include "mentorkit/operations.hpp"
#include "mentorkit/types.hpp"

namespace mentorkit::ops {

class LocalBatch;

/// Adds the key.add of a new personal store's owner for this device to the batch that made them.
void add_owner_key(LocalBatch& batch, PersonId owner, const PublicKey& key, const Uid& device);

} // namespace mentorkit::ops
