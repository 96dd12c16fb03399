package io.github.atomiccounters.cdk;

import io.github.atomiccounters.testing.Synthesized;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.services.s3.Bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pair of CounterStackTest#cdkNagAwsSolutionsIsClean: the same synthesis fails as soon as the stack holds
 * something cdk-nag's AwsSolutions pack flags and nobody acknowledged (here a bucket without access logs or
 * SSL enforcement), so a finding can never slip into a deployment; and the findings the other tests read from a
 * cached synthesis ({@link Synthesized#nagFindings}) are the ones that fail it.
 */
class NagGateTest {
    @Test
    void anUnacknowledgedFindingFailsSynthesis() {
        App app = new App();
        CounterStack stack = CounterApp.addStack(app);
        new Bucket(stack, "UnloggedBucket");
        var artifact = app.synth().getStackByName(stack.getStackName());  // CounterApp.synthesize reuses it
        assertThat(Synthesized.nagFindings(artifact))
                .anySatisfy(f -> assertThat(f).contains("UnloggedBucket").contains("AwsSolutions-S1"))
                .anySatisfy(f -> assertThat(f).contains("UnloggedBucket").contains("AwsSolutions-S10"));
        assertThatThrownBy(() -> CounterApp.synthesize(app, stack))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AwsSolutions-S1")
                .hasMessageContaining("AwsSolutions-S10");
    }
}
