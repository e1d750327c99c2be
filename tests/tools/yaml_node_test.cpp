// Tests of the strict YAML reader every loader uses: exact error positions and messages.
#include "tools/schema/yaml_node.hpp"

#include <gtest/gtest.h>

namespace aidc::tools {
namespace {

std::string error_of(const std::string& yaml, const std::function<void(const YamlNode&)>& read) {
  try {
    read(YamlNode::load_string(yaml, "t.yaml"));
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

TEST(YamlNode, ReadsTypedValues) {
  const auto n = YamlNode::load_string("a: 3\nb: 2.5\nc: true\nd: text\n", "t.yaml");
  EXPECT_EQ(n.get<int64_t>("a"), 3);
  EXPECT_DOUBLE_EQ(n.get<double>("b"), 2.5);
  EXPECT_TRUE(n.get<bool>("c"));
  EXPECT_EQ(n.get<std::string>("d"), "text");
  EXPECT_EQ(n.get_or<int64_t>("missing", 7), 7);
  EXPECT_NO_THROW(n.done());
}

TEST(YamlNode, UnknownKeyNamesLineColumnAndAllowedKeys) {
  // "colour" is on line 2, column 1.
  EXPECT_EQ(error_of("name: x\ncolour: red\n",
                     [](const YamlNode& n) {
                       (void)n.get<std::string>("name");
                       n.done();
                     }),
            "t.yaml:2:1: colour: unknown key (allowed here: name)");
}

TEST(YamlNode, DuplicateKeyRejected) {
  EXPECT_EQ(error_of("a: 1\na: 2\n",
                     [](const YamlNode& n) {
                       (void)n.get<int64_t>("a");
                       n.done();
                     }),
            "t.yaml:2:1: a: duplicate key");
}

TEST(YamlNode, MissingRequiredField) {
  EXPECT_EQ(error_of("sec:\n  x: 1\n", [](const YamlNode& n) { (void)n.child("sec").get<int64_t>("gpus"); }),
            "t.yaml:2:3: sec.gpus: required field is missing");
}

TEST(YamlNode, NegativeAndZeroCountsRejected) {
  EXPECT_EQ(error_of("gpus: -8\n", [](const YamlNode& n) { (void)n.get_count("gpus"); }),
            "t.yaml:1:7: gpus: must be a positive integer (>= 1), got -8");
  EXPECT_EQ(error_of("gpus: 0\n", [](const YamlNode& n) { (void)n.get_count("gpus"); }),
            "t.yaml:1:7: gpus: must be a positive integer (>= 1), got 0");
}

TEST(YamlNode, WrongTypesRejected) {
  EXPECT_EQ(error_of("gpus: eight\n", [](const YamlNode& n) { (void)n.get<int64_t>("gpus"); }),
            "t.yaml:1:7: gpus: expected an integer, got 'eight'");
  EXPECT_EQ(error_of("gpus: 8.5\n", [](const YamlNode& n) { (void)n.get<int64_t>("gpus"); }),
            "t.yaml:1:7: gpus: expected an integer, got '8.5'");
  EXPECT_EQ(error_of("bw: [1, 2]\n", [](const YamlNode& n) { (void)n.get<double>("bw"); }),
            "t.yaml:1:5: bw: expected a number");
}

TEST(YamlNode, NonFiniteNumbersRejected) {
  EXPECT_EQ(error_of("bw: .nan\n", [](const YamlNode& n) { (void)n.get<double>("bw"); }),
            "t.yaml:1:5: bw: expected a finite number, got '.nan'");
  EXPECT_EQ(error_of("bw: 1e999\n", [](const YamlNode& n) { (void)n.get<double>("bw"); }),
            "t.yaml:1:5: bw: number out of range: '1e999'");
  EXPECT_EQ(error_of("bw: -.inf\n", [](const YamlNode& n) { (void)n.get<double>("bw"); }),
            "t.yaml:1:5: bw: expected a finite number, got '-.inf'");
}

TEST(YamlNode, EnumListsAllowedValues) {
  EXPECT_EQ(error_of("kind: water\n",
                     [](const YamlNode& n) {
                       (void)n.get_enum("kind", {"air", "cold_plate"});
                     }),
            "t.yaml:1:7: kind: unknown value 'water' (allowed: air, cold_plate)");
}

TEST(YamlNode, RangeCheck) {
  EXPECT_EQ(error_of("f: 1.5\n", [](const YamlNode& n) { (void)n.get_in_range("f", 0.0, 1.0); }),
            "t.yaml:1:4: f: must be in [0, 1], got 1.5");
}

TEST(YamlNode, SyntaxErrorsEmptyFilesBomAndBinary) {
  EXPECT_EQ(error_of("a: [1, 2\n", [](const YamlNode&) {}).rfind("t.yaml:2:1: YAML syntax error", 0), 0u);
  EXPECT_EQ(error_of("", [](const YamlNode&) {}), "t.yaml:1:1: file is empty");
  EXPECT_EQ(error_of("\xEF\xBB\xBF"
                     "a: 1\n",
                     [](const YamlNode&) {}),
            "t.yaml:1:1: file starts with a UTF-8 byte-order mark; save it as plain UTF-8");
  EXPECT_EQ(error_of(std::string("a: \0\x01", 5), [](const YamlNode&) {}),
            "t.yaml:0:0: file contains NUL bytes: not a YAML text file");
}

TEST(YamlNode, MissingFile) {
  try {
    (void)YamlNode::load_file("/nonexistent/x.yaml");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "/nonexistent/x.yaml:0:0: cannot open file");
  }
}

TEST(YamlNode, SequencePathsAreIndexed) {
  EXPECT_EQ(error_of("jobs:\n  - gpus: 8\n  - gpus: -1\n",
                     [](const YamlNode& n) {
                       for (const auto& j : n.child("jobs").items()) (void)j.get_count("gpus");
                     }),
            "t.yaml:3:11: jobs[1].gpus: must be a positive integer (>= 1), got -1");
}

}  // namespace
}  // namespace aidc::tools
