package io.github.atomiccounters.cdk;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IAM policies on execute-api ARNs grant per operation and per counter name. */
class InvokePolicyTest {
    @Test
    void incrementOnlyOnLikesCountersHasThisExactShape() {
        Stack stack = new Stack(new App(), "S");
        AtomicCounterApi counters = new AtomicCounterApi(stack, "Counters");
        Map<String, Object> statement = Routes.map(stack.resolve(
                counters.invokeStatement("POST", "/counters/likes-*/increment").toStatementJson()));
        assertThat(statement.get("Action")).isEqualTo("execute-api:Invoke");
        assertThat(statement.get("Effect")).isEqualTo("Allow");
        String arn = Routes.joined(statement.get("Resource"));
        // arn:<partition>:execute-api:<region>:<account>:<api id>/<stage name, a Ref to the stage>/<METHOD>/<path>
        assertThat(arn).startsWith("arn:").contains(":execute-api:").endsWith("/{Ref=CountersDeploymentStagev1B6685516}/POST/counters/likes-*/increment");
        assertThat(statement.get("Resource").toString()).contains("{Ref=Counters0B7EF53F}", "{Ref=AWS::Region}",
                "{Ref=AWS::AccountId}");
    }

    @Test
    void readOnlyIsGetOnEveryCounter() {
        Stack stack = new Stack(new App(), "S");
        AtomicCounterApi counters = new AtomicCounterApi(stack, "Counters");
        Map<String, Object> statement = Routes.map(stack.resolve(
                counters.invokeStatement("GET", "/counters/*").toStatementJson()));
        assertThat(Routes.joined(statement.get("Resource"))).endsWith("}/GET/counters/*");
        assertThatThrownBy(() -> counters.invokeStatement("GET", "counters/*"))
                .hasMessageStartingWith("pathPattern: expected a path starting with /");
        assertThat(List.of(statement.get("Action"))).containsExactly("execute-api:Invoke");
    }
}
