package dev.sluice.flow.internal;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A {@code decimal} type for CEL, which has none: money and decimal columns are exact decimals in flow expressions
 * ({@code revenue * 0.92} of 37317.97 is 34332.5324, not the double 34332.532400000004). Arithmetic
 * ({@code + - * /}, unary {@code -}), comparisons and {@code ==}/{@code !=} mix decimals with ints and doubles
 * (a double is taken as its shortest decimal form: 0.92 is 0.92); the result is a decimal. {@code double(x)},
 * {@code int(x)} (towards zero) and {@code string(x)} convert from it, {@code decimal(x)} to it from text, int or
 * double. Values are kept without trailing zeros, so equal amounts are equal. Stateless, thread-safe.
 */
public final class CelDecimal {
    /** The CEL type of decimal values ({@link Value}). */
    public static final CelType TYPE = OpaqueType.create("decimal");
    /** Division keeps 34 significant digits (IEEE 754 decimal128), rounding half to even. */
    private static final MathContext DIVISION = MathContext.DECIMAL128;

    private CelDecimal() {}

    /**
     * A decimal value in CEL: its amount without trailing zeros, so that equal amounts are equal records (CEL's
     * {@code ==} compares values it does not know with {@code equals}; a {@link BigDecimal} it would take for a
     * double). Immutable.
     *
     * @param amount the amount
     */
    public record Value(BigDecimal amount) {
        public Value {
            amount = amount.signum() == 0 ? BigDecimal.ZERO : amount.stripTrailingZeros();
        }

        /** The amount as a record value: plain (no exponent), so 1E+3 is written 1000. */
        public BigDecimal plain() {
            return amount.scale() < 0 ? amount.setScale(0) : amount;
        }

        @Override
        public String toString() {
            return plain().toPlainString();
        }
    }

    /** A record value as a CEL decimal: any number or numeric text. */
    public static Value of(Object v) {
        return new Value(v instanceof Value d ? d.amount() : v instanceof BigDecimal b ? b
                : v instanceof Double || v instanceof Float ? BigDecimal.valueOf(((Number) v).doubleValue())
                : v instanceof Number n ? BigDecimal.valueOf(n.longValue())
                : new BigDecimal(v.toString().strip()));
    }

    /** The operator and conversion overloads, for the compiler. */
    public static List<CelFunctionDecl> declarations() {
        List<CelFunctionDecl> out = new ArrayList<>();
        for (Op op : Op.values()) {
            List<CelOverloadDecl> overloads = new ArrayList<>();
            for (Pair p : Pair.values()) {
                if (!(op.isEquality && p == Pair.DECIMAL_DECIMAL)) { // CEL's own == and != take two decimals
                    overloads.add(CelOverloadDecl.newGlobalOverload(op.id + "_" + p.id, op.result, p.left, p.right));
                }
            }
            out.add(CelFunctionDecl.newFunctionDeclaration(op.function, overloads));
        }
        out.add(CelFunctionDecl.newFunctionDeclaration("-_",
                CelOverloadDecl.newGlobalOverload("negate_decimal", TYPE, TYPE)));
        out.add(CelFunctionDecl.newFunctionDeclaration("double",
                CelOverloadDecl.newGlobalOverload("decimal_to_double", SimpleType.DOUBLE, TYPE)));
        out.add(CelFunctionDecl.newFunctionDeclaration("int",
                CelOverloadDecl.newGlobalOverload("decimal_to_int64", SimpleType.INT, TYPE)));
        out.add(CelFunctionDecl.newFunctionDeclaration("string",
                CelOverloadDecl.newGlobalOverload("decimal_to_string", SimpleType.STRING, TYPE)));
        out.add(CelFunctionDecl.newFunctionDeclaration("decimal",
                CelOverloadDecl.newGlobalOverload("decimal_to_decimal", TYPE, TYPE),
                CelOverloadDecl.newGlobalOverload("string_to_decimal", TYPE, SimpleType.STRING),
                CelOverloadDecl.newGlobalOverload("int64_to_decimal", TYPE, SimpleType.INT),
                CelOverloadDecl.newGlobalOverload("double_to_decimal", TYPE, SimpleType.DOUBLE)));
        return out;
    }

    /** The implementations of {@link #declarations()}, for the runtime. */
    public static List<CelFunctionBinding> bindings() {
        List<CelFunctionBinding> out = new ArrayList<>();
        for (Op op : Op.values()) {
            for (Pair p : Pair.values()) {
                if (op.isEquality && p == Pair.DECIMAL_DECIMAL) {
                    continue;
                }
                out.add(binary(op.id + "_" + p.id, p.leftClass, p.rightClass, (a, b) -> op.apply.apply(of(a).amount(), of(b).amount())));
            }
        }
        out.add(CelFunctionBinding.from("negate_decimal", Value.class, d -> new Value(d.amount().negate())));
        out.add(CelFunctionBinding.from("decimal_to_double", Value.class, d -> d.amount().doubleValue()));
        out.add(CelFunctionBinding.from("decimal_to_int64", Value.class,
                d -> d.amount().toBigInteger().longValueExact()));
        out.add(CelFunctionBinding.from("decimal_to_string", Value.class, Value::toString));
        out.add(CelFunctionBinding.from("decimal_to_decimal", Value.class, d -> d));
        out.add(CelFunctionBinding.from("string_to_decimal", String.class, CelDecimal::of));
        out.add(CelFunctionBinding.from("int64_to_decimal", Long.class, CelDecimal::of));
        out.add(CelFunctionBinding.from("double_to_decimal", Double.class, CelDecimal::of));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static CelFunctionBinding binary(String id, Class<?> left, Class<?> right,
            BiFunction<Object, Object, Object> f) {
        return CelFunctionBinding.from(id, (Class<Object>) left, (Class<Object>) right, f::apply);
    }

    /** Binary operators over decimals. */
    private enum Op {
        ADD("_+_", "add", TYPE, false, (a, b) -> new Value(a.add(b))),
        SUBTRACT("_-_", "subtract", TYPE, false, (a, b) -> new Value(a.subtract(b))),
        MULTIPLY("_*_", "multiply", TYPE, false, (a, b) -> new Value(a.multiply(b))),
        DIVIDE("_/_", "divide", TYPE, false, (a, b) -> {
            if (b.signum() == 0) {
                throw new ArithmeticException("division by zero");
            }
            return new Value(a.divide(b, DIVISION));
        }),
        LESS("_<_", "less", SimpleType.BOOL, false, (a, b) -> a.compareTo(b) < 0),
        LESS_EQUALS("_<=_", "less_equals", SimpleType.BOOL, false, (a, b) -> a.compareTo(b) <= 0),
        GREATER("_>_", "greater", SimpleType.BOOL, false, (a, b) -> a.compareTo(b) > 0),
        GREATER_EQUALS("_>=_", "greater_equals", SimpleType.BOOL, false, (a, b) -> a.compareTo(b) >= 0),
        EQUALS("_==_", "equals", SimpleType.BOOL, true, (a, b) -> a.compareTo(b) == 0),
        NOT_EQUALS("_!=_", "not_equals", SimpleType.BOOL, true, (a, b) -> a.compareTo(b) != 0);

        final String function;
        final String id;
        final CelType result;
        final boolean isEquality;
        final BiFunction<BigDecimal, BigDecimal, Object> apply;

        Op(String function, String id, CelType result, boolean isEquality, BiFunction<BigDecimal, BigDecimal, Object> apply) {
            this.function = function;
            this.id = id;
            this.result = result;
            this.isEquality = isEquality;
            this.apply = apply;
        }
    }

    /** The operand types a decimal operator takes: a decimal on at least one side. */
    private enum Pair {
        DECIMAL_DECIMAL("decimal_decimal", TYPE, TYPE, Value.class, Value.class),
        DECIMAL_INT("decimal_int64", TYPE, SimpleType.INT, Value.class, Long.class),
        INT_DECIMAL("int64_decimal", SimpleType.INT, TYPE, Long.class, Value.class),
        DECIMAL_DOUBLE("decimal_double", TYPE, SimpleType.DOUBLE, Value.class, Double.class),
        DOUBLE_DECIMAL("double_decimal", SimpleType.DOUBLE, TYPE, Double.class, Value.class);

        final String id;
        final CelType left;
        final CelType right;
        final Class<?> leftClass;
        final Class<?> rightClass;

        Pair(String id, CelType left, CelType right, Class<?> leftClass, Class<?> rightClass) {
            this.id = id;
            this.left = left;
            this.right = right;
            this.leftClass = leftClass;
            this.rightClass = rightClass;
        }
    }
}
