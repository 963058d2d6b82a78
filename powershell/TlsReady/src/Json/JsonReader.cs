using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace TlsReady.Json
{
    /// <summary>
    /// A small RFC 8259 reader for the documents libtlsready hands out: objects become
    /// <see cref="JsonObject"/>, arrays List&lt;object&gt;, numbers long (integers) or double,
    /// plus string, bool and null. Chosen over System.Text.Json because netstandard2.0 has no JSON
    /// parser in the box: System.Text.Json for netstandard2.0 is a package with five dependencies
    /// (System.Memory, System.Buffers, ...) whose versions would clash with the ones PowerShell 7
    /// already loaded (and Windows PowerShell 5.1 has none), so a module shipping it breaks in one of
    /// the two. The documents are produced by the library itself, so 150 lines suffice.
    /// </summary>
    internal sealed class JsonReader
    {
        private readonly string text;
        private int position;

        private JsonReader(string text)
        {
            this.text = text;
        }

        internal static object Parse(string text)
        {
            if (text == null)
            {
                throw new ArgumentNullException(nameof(text));
            }
            var reader = new JsonReader(text);
            object value = reader.ReadValue();
            reader.SkipWhitespace();
            if (reader.position != text.Length)
            {
                throw reader.Error("text after the document");
            }
            return value;
        }

        private object ReadValue()
        {
            SkipWhitespace();
            if (position >= text.Length)
            {
                throw Error("unexpected end");
            }
            char c = text[position];
            switch (c)
            {
                case '{': return ReadObject();
                case '[': return ReadArray();
                case '"': return ReadString();
                case 't': Expect("true"); return true;
                case 'f': Expect("false"); return false;
                case 'n': Expect("null"); return null;
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return ReadNumber();
                    }
                    throw Error("unexpected '" + c + "'");
            }
        }

        private JsonObject ReadObject()
        {
            var result = new JsonObject();
            position++;
            SkipWhitespace();
            if (Peek() == '}')
            {
                position++;
                return result;
            }
            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"')
                {
                    throw Error("expected a member name");
                }
                string name = ReadString();
                SkipWhitespace();
                if (Peek() != ':')
                {
                    throw Error("expected ':'");
                }
                position++;
                result.Members.Add(new KeyValuePair<string, object>(name, ReadValue()));
                SkipWhitespace();
                char c = Peek();
                position++;
                if (c == '}')
                {
                    return result;
                }
                if (c != ',')
                {
                    throw Error("expected ',' or '}'");
                }
            }
        }

        private List<object> ReadArray()
        {
            var result = new List<object>();
            position++;
            SkipWhitespace();
            if (Peek() == ']')
            {
                position++;
                return result;
            }
            while (true)
            {
                result.Add(ReadValue());
                SkipWhitespace();
                char c = Peek();
                position++;
                if (c == ']')
                {
                    return result;
                }
                if (c != ',')
                {
                    throw Error("expected ',' or ']'");
                }
            }
        }

        private string ReadString()
        {
            var builder = new StringBuilder();
            position++; // opening quote
            while (true)
            {
                if (position >= text.Length)
                {
                    throw Error("unterminated string");
                }
                char c = text[position++];
                if (c == '"')
                {
                    return builder.ToString();
                }
                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }
                char escape = position < text.Length ? text[position++] : '\0';
                switch (escape)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (position + 4 > text.Length)
                        {
                            throw Error("short \\u escape");
                        }
                        builder.Append((char)int.Parse(text.Substring(position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        position += 4;
                        break;
                    default: throw Error("bad escape");
                }
            }
        }

        private object ReadNumber()
        {
            int start = position;
            bool integral = true;
            while (position < text.Length)
            {
                char c = text[position];
                if (c == '.' || c == 'e' || c == 'E')
                {
                    integral = false;
                }
                else if (!(c == '-' || c == '+' || (c >= '0' && c <= '9')))
                {
                    break;
                }
                position++;
            }
            string number = text.Substring(start, position - start);
            if (integral && long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long whole))
            {
                return whole;
            }
            if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double real))
            {
                return real;
            }
            throw Error("bad number '" + number + "'");
        }

        private void Expect(string word)
        {
            if (string.CompareOrdinal(text, position, word, 0, word.Length) != 0)
            {
                throw Error("expected " + word);
            }
            position += word.Length;
        }

        private char Peek() => position < text.Length ? text[position] : '\0';

        private void SkipWhitespace()
        {
            while (position < text.Length && (text[position] == ' ' || text[position] == '\t' || text[position] == '\n' || text[position] == '\r'))
            {
                position++;
            }
        }

        private FormatException Error(string what) =>
            new FormatException("TlsReady: the library's JSON document does not parse at offset " + position + ": " + what);
    }
}
