package dev.avalon.testkit.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Lets a run on demand change a fuzz property's tries and seed from the command line, over what its
 * {@code @Property} says: {@code -Davalon.fuzz.tries=100000} for a long run,
 * {@code -Davalon.fuzz.seed=<seed>} to replay a failure. Add it with
 * {@code @AddLifecycleHook(FuzzRunSettings.class)} on each property method (jqwik does not pass
 * a class-level registration of this hook on to the properties).
 */
public final class FuzzRunSettings implements AroundPropertyHook {

    /** System property: number of tries. */
    public static final String TRIES = "avalon.fuzz.tries";
    /** System property: the seed. */
    public static final String SEED = "avalon.fuzz.seed";

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property)
            throws Throwable {
        String tries = System.getProperty(TRIES, "").strip();
        if (!tries.isEmpty()) {
            context.attributes().setTries(Integer.parseInt(tries));
        }
        String seed = System.getProperty(SEED, "").strip();
        if (!seed.isEmpty()) {
            context.attributes().setSeed(seed);
        }
        return property.execute();
    }

    /** Outside the other hooks, so that the attributes are set before anything reads them. */
    @Override
    public int aroundPropertyProximity() {
        return -100;
    }
}
