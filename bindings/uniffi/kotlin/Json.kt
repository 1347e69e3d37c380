// A small JSON reader for the vector runner (the JDK has none): objects become LinkedHashMap,
// arrays List, numbers Long or Double, and true/false/null their Kotlin values.
package org.mcxconnect.test

class JsonReader(private val text: String) {
    private var at = 0

    fun readDocument(): Any? {
        val value = readValue()
        skipSpace()
        require(at == text.length) { "trailing characters at $at" }
        return value
    }

    private fun skipSpace() {
        while (at < text.length && text[at] in " \t\r\n") at++
    }

    private fun readValue(): Any? {
        skipSpace()
        require(at < text.length) { "unexpected end of JSON" }
        return when (val c = text[at]) {
            '{' -> readObject()
            '[' -> readArray()
            '"' -> readString()
            't' -> literal("true", true)
            'f' -> literal("false", false)
            'n' -> literal("null", null)
            else -> if (c == '-' || c.isDigit()) readNumber() else throw IllegalArgumentException("unexpected `$c` at $at")
        }
    }

    private fun literal(word: String, value: Any?): Any? {
        require(text.startsWith(word, at)) { "bad literal at $at" }
        at += word.length
        return value
    }

    private fun readObject(): Map<String, Any?> {
        val map = LinkedHashMap<String, Any?>()
        at++
        skipSpace()
        if (text[at] == '}') { at++; return map }
        while (true) {
            skipSpace()
            val key = readString()
            skipSpace()
            require(text[at] == ':') { "expected `:` at $at" }
            at++
            map[key] = readValue()
            skipSpace()
            when (text[at++]) {
                ',' -> continue
                '}' -> return map
                else -> throw IllegalArgumentException("expected `,` or `}` at ${at - 1}")
            }
        }
    }

    private fun readArray(): List<Any?> {
        val list = ArrayList<Any?>()
        at++
        skipSpace()
        if (text[at] == ']') { at++; return list }
        while (true) {
            list.add(readValue())
            skipSpace()
            when (text[at++]) {
                ',' -> continue
                ']' -> return list
                else -> throw IllegalArgumentException("expected `,` or `]` at ${at - 1}")
            }
        }
    }

    private fun readString(): String {
        require(text[at] == '"') { "expected a string at $at" }
        at++
        val out = StringBuilder()
        while (true) {
            val c = text[at++]
            when (c) {
                '"' -> return out.toString()
                '\\' -> {
                    when (val e = text[at++]) {
                        '"' -> out.append('"'); '\\' -> out.append('\\'); '/' -> out.append('/')
                        'b' -> out.append('\b'); 'f' -> out.append('\u000c'); 'n' -> out.append('\n')
                        'r' -> out.append('\r'); 't' -> out.append('\t')
                        'u' -> { out.append(text.substring(at, at + 4).toInt(16).toChar()); at += 4 }
                        else -> throw IllegalArgumentException("bad escape `\\$e` at $at")
                    }
                }
                else -> out.append(c)
            }
        }
    }

    private fun readNumber(): Any {
        val start = at
        while (at < text.length && (text[at].isDigit() || text[at] in "+-.eE")) at++
        val raw = text.substring(start, at)
        return if (raw.any { it in ".eE" }) raw.toDouble() else raw.toLongOrNull() ?: raw.toDouble()
    }
}

fun parseJson(text: String): Any? = JsonReader(text).readDocument()

/** JSON text of a value, for failure messages. */
fun toJson(value: Any?): String = when (value) {
    null -> "null"
    is String -> "\"" + value.flatMap { c ->
        when {
            c == '"' -> listOf('\\', '"')
            c == '\\' -> listOf('\\', '\\')
            c < ' ' -> "\\u%04x".format(c.code).toList()
            else -> listOf(c)
        }
    }.joinToString("") + "\""
    is Map<*, *> -> value.entries.joinToString(",", "{", "}") { toJson(it.key.toString()) + ":" + toJson(it.value) }
    is List<*> -> value.joinToString(",", "[", "]") { toJson(it) }
    else -> value.toString()
}
