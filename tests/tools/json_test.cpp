#include "tools/results/json.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace aidc::tools {
namespace {

TEST(Json, OrderedObjectsNullsAndEscapes) {
  Json j = Json::object();
  j.set("b", 1);
  j.set("a", Json());
  j.set("s", "q\"\n");
  j.set("arr", Json::array()).push(0.5);
  EXPECT_EQ(j.dump(-1), R"({"b":1,"a":null,"s":"q\"\n","arr":[0.5]})");
}

TEST(Json, DoublesRoundTripAndNonFiniteIsNull) {
  EXPECT_EQ(json_number(0.1), "0.1");
  EXPECT_EQ(json_number(1.0 / 3.0), "0.3333333333333333");
  EXPECT_EQ(json_number(std::numeric_limits<double>::quiet_NaN()), "null");
  EXPECT_EQ(json_number(std::numeric_limits<double>::infinity()), "null");
}

}  // namespace
}  // namespace aidc::tools
