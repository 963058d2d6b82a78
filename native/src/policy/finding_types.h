// The model's finding types (model/finding.h) under the names the policy rooms use.
#pragma once

#include "model/finding.h"

namespace tlsready::policy {
using model::Evidence;
using model::Finding;
using model::PriorValue;
using model::RegistryChange;
using model::Severity;
}  // namespace tlsready::policy
