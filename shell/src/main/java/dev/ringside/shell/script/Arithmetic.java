package dev.ringside.shell.script;

import dev.ringside.decoders.values.Errno;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Integer expressions of {@code let} and {@code $((EXPR))}: 64-bit signed, C precedence and
 * associativity for {@code * / %}, {@code + -}, {@code << >>}, {@code &}, {@code ^}, {@code |}, unary
 * {@code - + ~} and parentheses. Operands are numbers as the console writes them (decimal, 0x hex,
 * 0b binary, _ separators) and errno names ({@code -EINVAL} is -22). Pure: no session, no I/O.
 */
public final class Arithmetic {
    private Arithmetic() {
    }

    /** Why an expression has no value, and the 0-based offset in its text it is about. */
    public static final class Failure extends RuntimeException {
        private final int offset;

        Failure(String message, int offset) {
            super(message);
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }
    }

    private enum Kind { NUMBER, OPERATOR, OPEN, CLOSE }

    private record Lexeme(Kind kind, String text, long value, int offset) {
    }

    /** The value of {@code text}; a Failure names what is wrong and where. */
    public static long evaluate(String text) {
        List<Lexeme> lexemes = lex(text);
        if (lexemes.isEmpty()) {
            throw new Failure("empty expression", 0);
        }
        Parser p = new Parser(lexemes, text.length());
        long value = p.expression(0);
        if (p.at < lexemes.size()) {
            Lexeme extra = lexemes.get(p.at);
            throw new Failure(extra.kind == Kind.CLOSE ? "')' without its '('" : "'" + extra.text + "' after a complete expression", extra.offset);
        }
        return value;
    }

    /**
     * What {@code let NAME=VALUE} stores: the value of an expression with an operator, or empty when the text
     * is kept as typed (a word that is no expression, such as {@code hello} or {@code 10ms}, or a lone number
     * like {@code 0x10}, already its value). An expression that is malformed or fails is a Failure.
     */
    public static Optional<Long> letValue(String text) {
        List<Lexeme> lexemes;
        try {
            lexemes = lex(text);
        } catch (Failure notAnExpression) {
            return Optional.empty();
        }
        long operands = lexemes.stream().filter(l -> l.kind == Kind.NUMBER).count();
        boolean lone = operands == 1 && (lexemes.size() == 1
                || lexemes.size() == 2 && lexemes.getFirst().text.equals("-"));
        if (operands == 0 || lone) {
            return Optional.empty();
        }
        return Optional.of(evaluate(text));
    }

    private static List<Lexeme> lex(String text) {
        List<Lexeme> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Lexeme(Kind.NUMBER, text.substring(start, i), number(text.substring(start, i), start), start));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                String name = text.substring(start, i);
                Optional<Errno> errno = name.matches("E[A-Z0-9]+") ? Errno.named(name) : Optional.empty();
                if (errno.isEmpty()) {
                    throw new Failure("'" + name + "' is not a number or an errno name (such as EINVAL)", start);
                }
                out.add(new Lexeme(Kind.NUMBER, name, errno.get().number(), start));
            } else if (c == '(' || c == ')') {
                out.add(new Lexeme(c == '(' ? Kind.OPEN : Kind.CLOSE, String.valueOf(c), 0, i));
                i++;
            } else if (text.startsWith("<<", i) || text.startsWith(">>", i)) {
                out.add(new Lexeme(Kind.OPERATOR, text.substring(i, i + 2), 0, i));
                i += 2;
            } else if ("+-*/%&|^~".indexOf(c) >= 0) {
                out.add(new Lexeme(Kind.OPERATOR, String.valueOf(c), 0, i));
                i++;
            } else {
                throw new Failure("'" + c + "' is not an operator: use + - * / % << >> & | ^ ~ ( )", i);
            }
        }
        return out;
    }

    /** Decimal, 0x hex or 0b binary, up to 64 bits (hex and binary as two's complement bits, as uapi fields are). */
    private static long number(String word, int offset) {
        String t = word.replace("_", "");
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            if (t.startsWith("0b") || t.startsWith("0B")) {
                return Long.parseUnsignedLong(t.substring(2), 2);
            }
            if (t.chars().allMatch(Character::isDigit)) {
                return Long.parseLong(t);
            }
        } catch (NumberFormatException e) {
            throw new Failure(word + " does not fit in 64 bits", offset);
        }
        throw new Failure("'" + word + "' is not a number (decimal, 0x hex or 0b binary)", offset);
    }

    /** Precedence climbing over C's binary operators (all left-associative). */
    private static final class Parser {
        private final List<Lexeme> lexemes;
        private final int end;
        private int at;

        Parser(List<Lexeme> lexemes, int end) {
            this.lexemes = lexemes;
            this.end = end;
        }

        /** C's levels, loosest first: | ^ & (<< >>) (+ -) (* / %). */
        private static int precedence(String op) {
            return switch (op) {
                case "|" -> 1;
                case "^" -> 2;
                case "&" -> 3;
                case "<<", ">>" -> 4;
                case "+", "-" -> 5;
                case "*", "/", "%" -> 6;
                default -> -1;
            };
        }

        long expression(int minimum) {
            long left = unary();
            while (at < lexemes.size()) {
                Lexeme op = lexemes.get(at);
                int level = op.kind == Kind.OPERATOR ? precedence(op.text) : -1;
                if (level < 0 || level < minimum) {
                    break;
                }
                at++;
                long right = expression(level + 1);
                left = apply(op, left, right);
            }
            return left;
        }

        private long unary() {
            if (at >= lexemes.size()) {
                int offset = at == 0 ? 0 : end;
                throw new Failure(at == 0 ? "empty expression" : "the expression ends after '" + lexemes.get(at - 1).text
                        + "': a number or ( must follow", offset);
            }
            Lexeme l = lexemes.get(at++);
            switch (l.kind) {
                case NUMBER -> {
                    return l.value;
                }
                case OPEN -> {
                    long inner = expression(0);
                    if (at >= lexemes.size() || lexemes.get(at).kind != Kind.CLOSE) {
                        throw new Failure("'(' without its ')'", l.offset);
                    }
                    at++;
                    return inner;
                }
                case OPERATOR -> {
                    long operand = unary();
                    return switch (l.text) {
                        case "-" -> {
                            if (operand == Long.MIN_VALUE) {
                                throw new Failure("-" + operand + " overflows 64 bits", l.offset);
                            }
                            yield -operand;
                        }
                        case "+" -> operand;
                        case "~" -> ~operand;
                        default -> throw new Failure("'" + l.text + "' needs a number before it", l.offset);
                    };
                }
                default -> throw new Failure("')' where a number goes", l.offset);
            }
        }

        private static long apply(Lexeme op, long a, long b) {
            try {
                return switch (op.text) {
                    case "+" -> Math.addExact(a, b);
                    case "-" -> Math.subtractExact(a, b);
                    case "*" -> Math.multiplyExact(a, b);
                    case "/" -> {
                        zero(op, b);
                        yield Math.divideExact(a, b);
                    }
                    case "%" -> {
                        zero(op, b);
                        yield a % b;
                    }
                    case "<<", ">>" -> {
                        if (b < 0 || b > 63) {
                            throw new Failure("shift by " + b + ": a 64-bit value shifts by 0 to 63", op.offset);
                        }
                        yield op.text.equals("<<") ? a << b : a >> b;
                    }
                    case "&" -> a & b;
                    case "^" -> a ^ b;
                    case "|" -> a | b;
                    default -> throw new Failure("'" + op.text + "' is not a binary operator", op.offset);
                };
            } catch (ArithmeticException e) {
                throw new Failure(a + " " + op.text + " " + b + " overflows 64 bits", op.offset);
            }
        }

        private static void zero(Lexeme op, long b) {
            if (b == 0) {
                throw new Failure((op.text.equals("/") ? "division" : "remainder") + " by zero", op.offset);
            }
        }
    }
}
