# Sourced by test.sh and bench.sh (with KOTLIN_HOME, JNA_JAR and CARGO_TARGET_DIR set): the Kotlin
# tests and bench (bindings/uniffi/kotlin/*.kt) compiled against a package jar, cached by content.
#
#   kotlin_tests_jar JAR   sets KT_JAR to the compiled tests' jar; KT_JAR is left missing when
#                          kotlinc failed (the caller counts that as a failure).
kotlin_tests_jar() {
  local jar=$1 sources=(bindings/uniffi/kotlin/*.kt) hash
  # The hash covers the jar's classes (the API the tests compile against), not its library.
  hash=$({ cat "${sources[@]}" "$KOTLIN_HOME/build.txt"; python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for name in sorted(n for n in z.namelist() if n.startswith("org/")): sys.stdout.buffer.write(z.read(name))' "$jar"; } |
    sha256sum | cut -c1-16)
  KT_JAR="$CARGO_TARGET_DIR/uniffi-kotlin/tests-$hash.jar"
  if [ ! -f "$KT_JAR" ]; then
    mkdir -p "$CARGO_TARGET_DIR/uniffi-kotlin"
    rm -f "$CARGO_TARGET_DIR"/uniffi-kotlin/tests-*.jar
    echo "compiling the Kotlin tests and bench against $(basename "$jar") (cached by content hash)"
    "$KOTLIN_HOME/bin/kotlinc" -nowarn "${sources[@]}" -cp "$jar:$JNA_JAR" -d "$KT_JAR.tmp.jar" 2>&1 | grep -v '^warning' || true
    if [ -f "$KT_JAR.tmp.jar" ]; then mv "$KT_JAR.tmp.jar" "$KT_JAR"; fi
  fi
}
