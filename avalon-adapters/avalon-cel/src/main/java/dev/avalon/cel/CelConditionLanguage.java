package dev.avalon.cel;

import dev.avalon.core.port.ConditionLanguage;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

import java.util.Map;

/**
 * {@link ConditionLanguage} on CEL (Common Expression Language, {@code dev.cel}). CEL has no
 * reflection, no I/O and no unbounded loops; on top of that this adapter bounds the source
 * ({@link ConditionLanguage#MAX_SOURCE} code points), the parse (nesting depth, node count) and each
 * macro's iterations, and checks the expression is a {@code bool} over the declared variables only
 * ({@code event}, {@code now}, {@code brain}, {@code automation}, each a {@code map(string, dyn)}).
 * Regular expressions ({@code matches}) run on RE2J, in linear time.
 *
 * <pre>{@code
 * ConditionLanguage cel = new CelConditionLanguage();
 * boolean ok = cel.compile("event.data.usedPercent >= 80").evaluate(facts);
 * }</pre>
 */
public final class CelConditionLanguage implements ConditionLanguage {

    /** Iterations of one macro ({@code all}, {@code exists}, {@code map}, {@code filter}) at most. */
    public static final int MAX_ITERATIONS = 1000;
    /** Nesting of the parse at most. */
    public static final int MAX_DEPTH = 32;
    /** Nodes of the parsed expression at most. */
    public static final int MAX_NODES = 500;

    private final CelCompiler compiler;
    private final CelRuntime runtime;

    public CelConditionLanguage() {
        CelOptions options = CelOptions.current()
                .maxExpressionCodePointSize(MAX_SOURCE)
                .maxParseRecursionDepth(MAX_DEPTH)
                .maxParseExpressionNodeCount(MAX_NODES)
                .comprehensionMaxIterations(MAX_ITERATIONS)
                .enableHeterogeneousNumericComparisons(true)
                .build();
        CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder().setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS).setResultType(SimpleType.BOOL);
        for (String name : VARIABLES) {
            builder.addVar(name, MapType.create(SimpleType.STRING, SimpleType.DYN));
        }
        this.compiler = builder.build();
        this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(options).build();
    }

    @Override
    public Condition compile(String source) {
        if (source.codePointCount(0, source.length()) > MAX_SOURCE) {
            throw new ConditionException("the condition is longer than " + MAX_SOURCE + " characters");
        }
        CelAbstractSyntaxTree ast;
        CelRuntime.Program program;
        try {
            ast = compiler.compile(source).getAst();
            program = runtime.createProgram(ast);
        } catch (CelValidationException e) {
            throw new ConditionException("the condition does not compile: " + firstLine(e.getMessage()), e);
        } catch (CelEvaluationException e) {
            throw new ConditionException("the condition cannot be planned: " + firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            // the parser's own limits (depth, node count) surface as unchecked failures
            throw new ConditionException("the condition is refused: " + firstLine(String.valueOf(e.getMessage())), e);
        }
        return facts -> evaluate(program, facts);
    }

    private static boolean evaluate(CelRuntime.Program program, Map<String, Object> facts) {
        Object result;
        try {
            result = program.eval(facts);
        } catch (CelEvaluationException e) {
            throw new ConditionException("the condition could not be evaluated: " + firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            throw new ConditionException("the condition could not be evaluated: " + e, e);
        }
        if (result instanceof Boolean b) {
            return b;
        }
        throw new ConditionException("the condition did not evaluate to true or false");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
