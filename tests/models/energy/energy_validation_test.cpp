// The validation table of issue 7 as tests: reference plants in a cold and a hot climate against the published
// figures, with the tolerances fixed in models/energy/VALIDATION.md before any prediction was run.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "tools/cli/energy_report.hpp"

namespace aidc::cli {
namespace {

// Known misses recorded in models/energy/VALIDATION.md with their cause; the test pins them so that a change that
// moves them is noticed. Empty when every case is inside its band.
const std::set<std::string> kKnownMisses = {"immersion/synthetic-hot-dry"};

TEST(EnergyValidation, ReferenceScenariosAgainstPublishedFigures) {
  const auto rows = run_energy_validation(AIDC_SOURCE_DIR);
  ASSERT_EQ(rows.size(), 8u);  // 4 plants x 2 climates
  for (const auto& r : rows) {
    const std::string key = r.id + "/" + r.climate;
    if (!r.checked) continue;
    if (kKnownMisses.count(key)) {
      EXPECT_FALSE(r.pass) << key << " now passes: update VALIDATION.md and this list";
    } else {
      EXPECT_TRUE(r.pass) << key << ": predicted PUE " << r.predicted_pue;
    }
  }
}

TEST(EnergyValidation, LiquidCoolingCutsCoolingEnergyByMoreThanHalf) {
  // CAICT report: liquid cooling cuts cooling energy by more than 50 % (vs air DX), in each climate.
  const auto rows = run_energy_validation(AIDC_SOURCE_DIR);
  for (const char* climate : {"synthetic-cold", "synthetic-hot-dry"}) {
    double air = 0.0, liquid = 0.0;
    for (const auto& r : rows) {
      if (r.climate != climate) continue;
      if (r.id == "air-dx") air = r.cooling_kwh;
      if (r.id == "liquid-cold-plate") liquid = r.cooling_kwh;
    }
    ASSERT_GT(air, 0.0);
    EXPECT_GE(1.0 - liquid / air, 0.5) << climate;
  }
}

}  // namespace
}  // namespace aidc::cli
