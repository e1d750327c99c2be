#include "tools/schema/energy_loader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tools/schema/config_error.hpp"

namespace aidc::tools {
namespace {

namespace fs = std::filesystem;

std::string repo(const std::string& rel) {
  return std::string(AIDC_SOURCE_DIR) + "/" + rel;
}

class TempDir {
 public:
  TempDir()
      : path_(fs::temp_directory_path() /
              ("aidc_energy_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string write(const std::string& name, const std::string& text) const {
    const auto p = (path_ / name).string();
    std::ofstream(p) << text;
    return p;
  }

 private:
  fs::path path_;
};

std::string csv_rows(int n, const std::string& header = "hour,dry_bulb_c,wet_bulb_c") {
  std::string s = "# name: test\n" + header + "\n";
  for (int h = 0; h < n; ++h) s += std::to_string(h) + ",20.5,15.0\n";
  return s;
}

// Runs `f`, expects a ConfigError whose message contains every fragment.
template <class F>
void expect_config_error(F f, std::initializer_list<std::string> fragments) {
  try {
    f();
    FAIL() << "no ConfigError";
  } catch (const ConfigError& e) {
    for (const auto& frag : fragments) EXPECT_NE(std::string(e.what()).find(frag), std::string::npos) << e.what();
  }
}

TEST(EnergyLoader, ShippedFilesLoad) {
  for (const char* name : {"air-dx", "air-chilled-water", "liquid-cold-plate", "immersion"}) {
    EXPECT_NO_THROW(load_plant_file(repo("scenarios/plant/") + name + ".yaml")) << name;
  }
  const auto lib = load_it_power_file(repo("scenarios/plant/it-power.yaml"));
  EXPECT_EQ(lib.gpus.at("h100-sxm5-80gb").tdp_w, 700.0);
  EXPECT_EQ(load_grid_carbon_file(repo("scenarios/plant/grid-carbon.yaml")).at("us-2023").kg_per_kwh, 0.367);
  for (const char* name : {"synthetic-cold", "synthetic-temperate", "synthetic-hot-dry", "synthetic-hot-humid"}) {
    const auto c = load_climate_file(repo("scenarios/climate/") + name + ".csv");
    EXPECT_EQ(c.dry_bulb_c.size(), 8760u);
    EXPECT_TRUE(c.synthetic) << name;
    EXPECT_EQ(c.name, name);
  }
  EXPECT_FALSE(load_energy_references(repo("models/validation/energy_references.yaml")).empty());
}

TEST(EnergyLoader, CsvAlternativesForHumidity) {
  TempDir d;
  const auto rh = load_climate_csv(d.write("rh.csv", csv_rows(8760, "hour,dry_bulb_c,relative_humidity_pct")));
  EXPECT_LT(rh.wet_bulb_c[0], 20.5);  // 15 % RH air is far from saturation
  const auto dp = load_climate_csv(d.write("dp.csv", csv_rows(8760, "hour,dry_bulb_c,dew_point_c")));
  EXPECT_GT(dp.wet_bulb_c[0], 15.0);  // the wet bulb lies between dew point and dry bulb
  EXPECT_LT(dp.wet_bulb_c[0], 20.5);
}

TEST(EnergyLoader, BadClimateFilesAreRejectedClearly) {
  TempDir d;
  expect_config_error([&] { load_climate_csv(d.write("short.csv", csv_rows(100))); }, {"short.csv", "100", "8760"});
  expect_config_error([&] { load_climate_csv(d.write("long.csv", csv_rows(8761))); }, {"more than 8760"});
  auto text = csv_rows(8760);
  text.replace(text.find("\n5,20.5"), 7, "\n5,nan");
  expect_config_error([&] { load_climate_csv(d.write("nan.csv", text)); }, {"nan.csv:8:3", "dry_bulb_c"});
  text = csv_rows(8760);
  text.replace(text.find("\n7,20.5,15.0"), 12, "\n7,20.5,25.0");
  expect_config_error([&] { load_climate_csv(d.write("wb.csv", text)); }, {"wb.csv:10:", "wet_bulb_c", "outside"});
  text = csv_rows(8760);
  text.replace(text.find("\n9,"), 3, "\n8,");
  expect_config_error([&] { load_climate_csv(d.write("order.csv", text)); }, {"order.csv:12:1", "expected hour 9"});
  expect_config_error([&] { load_climate_csv(d.write("col.csv", csv_rows(10, "hour,dry_bulb_c,wet_bulb,x"))); },
                      {"unknown column 'wet_bulb'"});
  expect_config_error([&] { load_climate_csv(d.write("two.csv", csv_rows(10, "hour,dry_bulb_c"))); },
                      {"exactly one of"});
  expect_config_error([&] { load_climate_file(d.write("c.txt", "x")); }, {".csv or .epw"});
  expect_config_error([&] { load_climate_file(d.write("x", "") + "-missing.csv"); }, {"cannot open"});
}

std::string epw(int rows, const std::string& bad_row = "") {
  // Eight header lines (LOCATION ... DATA PERIODS), then rows: year, month, day, hour, minute, flags, dry bulb,
  // dew point, RH, pressure, ... (35 fields in real files; the loader reads the first ten).
  std::string s =
      "LOCATION,Test,,,,000000,0,0,0,0\nDESIGN CONDITIONS,0\nTYPICAL/EXTREME PERIODS,0\nGROUND TEMPERATURES,0\n"
      "HOLIDAYS/DAYLIGHT SAVINGS,No,0,0,0\nCOMMENTS 1,test\nCOMMENTS 2,test\nDATA PERIODS,1,1,Data,Sunday,1/1,12/31\n";
  for (int h = 0; h < rows; ++h) {
    if (h == 3 && !bad_row.empty()) {
      s += bad_row + "\n";
      continue;
    }
    s += "1999,1,1," + std::to_string(h % 24 + 1) +
         ",60,A7A7,25.0,15.0,54,101325,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0\n";
  }
  return s;
}

TEST(EnergyLoader, EpwFiles) {
  TempDir d;
  const auto c = load_climate_epw(d.write("ok.epw", epw(8760)));
  ASSERT_EQ(c.wet_bulb_c.size(), 8760u);
  // 25 °C with a 15 °C dew point at sea level: wet bulb between them, near 18.5 °C (psychrometric chart).
  EXPECT_NEAR(c.wet_bulb_c[0], 18.5, 0.5);
  expect_config_error([&] { load_climate_epw(d.write("short.epw", epw(8000))); }, {"8000", "8760"});
  expect_config_error([&] { load_climate_epw(d.write("leap.epw", epw(8784))); }, {"leap-year"});
  // 99.9 is EPW's missing-value marker for dry bulb: rejected as out of range, with the line (8 header lines + 4).
  expect_config_error(
      [&] { load_climate_epw(d.write("missing.epw", epw(8760, "1999,1,1,4,60,A7A7,99.9,15.0,54,101325,0"))); },
      {"missing.epw:12:", "dry_bulb_c"});
  expect_config_error([&] { load_climate_epw(d.write("nohead.epw", "1999,1,1\n")); }, {"LOCATION"});
}

TEST(EnergyLoader, PlantFileErrors) {
  TempDir d;
  std::ifstream in(repo("scenarios/plant/liquid-cold-plate.yaml"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto bad = text;
  bad.replace(bad.find("facility_supply_c: 32.0"), 23, "facility_supply_c: 35.0");
  expect_config_error([&] { load_plant_file(d.write("w.yaml", bad)); }, {"facility_supply_c"});
  bad = text + "unknown_key: 1\n";
  expect_config_error([&] { load_plant_file(d.write("k.yaml", bad)); }, {"unknown_key"});
  bad = text;
  bad.replace(bad.find("kind: dry_cooler"), 16, "kind: lake");
  expect_config_error([&] { load_plant_file(d.write("e.yaml", bad)); }, {"kind"});
}

}  // namespace
}  // namespace aidc::tools
