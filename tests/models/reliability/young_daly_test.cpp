#include "models/reliability/young_daly.hpp"

#include <cmath>
#include <stdexcept>

#include <gtest/gtest.h>

namespace aidc::models::reliability {
namespace {

TEST(YoungDaly, YoungInterval) {
  // sqrt(2 * 60 s * 3600 s) = sqrt(432000) = 657.267 s
  EXPECT_NEAR(young_interval_s(60.0, 3600.0), 657.267, 1e-3);
}

TEST(YoungDaly, DalyInterval) {
  // delta/2M = 60/7200 = 1/120; sqrt(1/120) = 0.0912871;
  // 657.2671 * (1 + 0.0912871/3 + (1/120)/9) - 60 = 657.2671 * 1.0313549 - 60 = 617.876 s
  EXPECT_NEAR(daly_interval_s(60.0, 3600.0), 617.876, 1e-3);
  // delta >= 2M: Daly's rule is tau = M.
  EXPECT_DOUBLE_EQ(daly_interval_s(8000.0, 3600.0), 3600.0);
}

TEST(YoungDaly, DalyEttr) {
  // tau 600, delta 60, R 300, M 3600: e^(300/3600) = 1.0869040, e^(660/3600) - 1 = 0.2012152;
  // 600 / (3600 * 1.0869040 * 0.2012152) = 600 / 787.31 = 0.76208
  EXPECT_NEAR(daly_ettr(600.0, 60.0, 300.0, 3600.0), 0.76208, 1e-4);
  // No failures in practice (M huge), no save cost: every second is useful.
  EXPECT_NEAR(daly_ettr(600.0, 0.0, 0.0, 1e12), 1.0, 1e-6);
}

TEST(YoungDaly, RejectsBadInput) {
  EXPECT_THROW(young_interval_s(60.0, 0.0), std::invalid_argument);
  EXPECT_THROW(young_interval_s(-1.0, 10.0), std::invalid_argument);
  EXPECT_THROW(daly_ettr(0.0, 1.0, 1.0, 10.0), std::invalid_argument);
  EXPECT_THROW(daly_ettr(1.0, 1.0, 1.0, NAN), std::invalid_argument);
}

}  // namespace
}  // namespace aidc::models::reliability
