package io.github.atomiccounters.cdk;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The grants name exactly the execute-api ARNs of their routes on this API's stage, per counter name when asked, and
 * only where IAM decides who calls (auth mode IAM).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrantsTest {
    private static final String STAGE = "{Ref=CountersDeploymentStagev1B6685516}";

    private Map<String, Map<String, Object>> policies;

    /** Each role's one statement as "Action -> [ARN paths after the stage]", read from one synthesized stack. */
    @BeforeAll
    void grantOneRoleEach() {
        Stack stack = new Stack(new App(), "S");
        AtomicCounterApi counters = new AtomicCounterApi(stack, "Counters");
        counters.grantInvoke(role(stack, "Likes"), "likes-*", Route.INCREMENT);
        counters.grantInvoke(role(stack, "Members"), "members", Route.NEXT, Route.SET_COUNTER, Route.NEXT);
        counters.grantRead(role(stack, "Reader"));
        counters.grantUpdate(role(stack, "Updater"));
        counters.grantFullAccess(role(stack, "Admin"));
        counters.grantFullAccess(role(stack, "Orders"), "orders.*");
        policies = Template.fromStack(stack).findResources("AWS::IAM::Policy");
    }

    private static Role role(Stack stack, String id) {
        return Role.Builder.create(stack, id).assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
    }

    /** The role's statements: one, Allow execute-api:Invoke, and the paths its ARNs name after the stage. */
    private List<String> grantedPaths(String rolePrefix) {
        Map<String, Object> policy = policies.entrySet().stream().filter(e -> e.getKey().startsWith(rolePrefix))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
        List<Map<String, Object>> statements = Routes.list(Routes.map(Synth.props(policy).get("PolicyDocument"))
                .get("Statement"));
        assertThat(statements).as(rolePrefix).hasSize(1);
        Map<String, Object> statement = statements.get(0);
        assertThat(statement.get("Action")).isEqualTo("execute-api:Invoke");
        assertThat(statement.get("Effect")).isEqualTo("Allow");
        Object resource = statement.get("Resource");
        List<Object> arns = resource instanceof List<?> l ? new ArrayList<>(l) : List.of(resource);
        List<String> paths = new ArrayList<>();
        for (Object arn : arns) {
            String joined = Routes.joined(arn);
            // arn:<partition>:execute-api:<region>:<account>:<api id>/<stage name, a Ref to the stage>/<METHOD>/<path>
            assertThat(joined).startsWith("arn:").contains(":execute-api:").contains("/" + STAGE + "/");
            assertThat(arn.toString()).contains("{Ref=Counters0B7EF53F}", "{Ref=AWS::Region}", "{Ref=AWS::AccountId}");
            paths.add(joined.substring(joined.indexOf(STAGE) + STAGE.length()));
        }
        return paths;
    }

    @Test
    void aNamedCounterPatternNamesOneArnPerRoute() {
        assertThat(grantedPaths("Likes")).containsExactly("/POST/counters/likes-*/increment");
        // a route given twice is granted once; an exact name has no wildcard at all
        assertThat(grantedPaths("Members")).containsExactly("/POST/counters/members/next", "/PUT/counters/members");
        assertThat(grantedPaths("Orders")).hasSize(Route.values().length).contains("/DELETE/counters/orders.*/shards");
    }

    @Test
    void readUpdateAndFullAccessAreTheRoutesOfTheirKind() {
        assertThat(grantedPaths("Reader")).containsExactly("/GET/counters/*", "/GET/counters/*/shards");
        assertThat(grantedPaths("Updater")).containsExactly("/PUT/counters/*", "/POST/counters/*/increment",
                "/POST/counters/*/decrement", "/POST/counters/*/next", "/POST/counters/*/shards/increment");
        assertThat(grantedPaths("Admin")).containsExactlyElementsOf(Arrays.stream(Route.values())
                .map(r -> "/" + r.httpMethod() + r.path().replace("{name}", "*")).toList());
        assertThat(Route.withAccess(Route.Access.DELETE)).containsExactly(Route.DELETE_COUNTER, Route.DELETE_SHARDS);
    }

    /**
     * What docs/construct.md says about {@code *}: IAM matches it against any characters, {@code /} included, so a
     * route's ARN for every counter also covers these longer routes, and no others; an exact name covers nothing more.
     */
    @Test
    void aWildcardAlsoCoversTheLongerRoutesBelowARoute() {
        List<String> covered = new ArrayList<>();
        for (Route granted : Route.values()) {
            for (Route called : Route.values()) {
                if (granted != called && iamMatches(arnPath(granted, "*"), arnPath(called, "likes"))) {
                    covered.add(granted + " covers " + called);
                }
                assertThat(granted == called || !iamMatches(arnPath(granted, "likes"), arnPath(called, "likes")))
                        .isTrue();
            }
        }
        assertThat(covered).containsExactly("GET_COUNTER covers GET_SHARDS", "DELETE_COUNTER covers DELETE_SHARDS",
                "INCREMENT covers SHARD_INCREMENT");
    }

    private static String arnPath(Route route, String name) {
        return route.httpMethod() + route.path().replace("{name}", name);
    }

    /** IAM's resource matching: {@code *} any characters, {@code ?} one. */
    private static boolean iamMatches(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return value.matches(regex.toString());
    }

    @Test
    void withAnotherAuthModeAGrantIsRefusedBecauseIamWouldDecideNothing() {
        for (AuthMode mode : List.of(AuthMode.API_KEY, AuthMode.NONE)) {
            Stack stack = new Stack(new App(), "S");
            AtomicCounterApi counters = new AtomicCounterApi(stack, "Counters",
                    AtomicCounterApiProps.builder().authMode(mode).build());
            assertThatThrownBy(() -> counters.grantRead(role(stack, "Reader")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("grantInvoke: the API authorizes with " + mode + ", so IAM policies do not decide "
                            + "who may call it; grants need authMode IAM");
        }
        // the pair: with IAM the same call grants
        Stack stack = new Stack(new App(), "S");
        Grant grant = new AtomicCounterApi(stack, "Counters").grantRead(role(stack, "Reader"));
        assertThat(grant.getSuccess()).isTrue();
    }

    @Test
    void aPatternIsUrlUnreservedCharactersAndStarAndAtLeastOneRouteIsGranted() {
        Stack stack = new Stack(new App(), "S");
        AtomicCounterApi counters = new AtomicCounterApi(stack, "Counters");
        Role role = role(stack, "R");
        for (String bad : List.of("a/b", "likes%2F", "", "a b", "?", "x".repeat(201))) {
            assertThatThrownBy(() -> counters.grantInvoke(role, bad, Route.GET_COUNTER))
                    .hasMessageStartingWith("counterPattern: expected 1-200 characters of A-Z a-z 0-9 - _ . ~ and *");
        }
        assertThatThrownBy(() -> counters.grantInvoke(role))
                .hasMessage("routes: expected at least one route to grant but got none");
        assertThat(counters.grantInvoke(role, "Az09-_.~*", Route.GET_COUNTER).getSuccess()).isTrue();
    }

    @Test
    void aGranteeOfAnotherAccountIsAlsoAllowedByTheApisResourcePolicy() {
        Stack stack = new Stack(new App(), "S", StackProps.builder()
                .env(Environment.builder().account("111111111111").region("eu-west-1").build()).build());
        AtomicCounterApi counters = new AtomicCounterApi(stack, "Counters");
        counters.grantRead(new AccountPrincipal("222222222222"));
        Map<String, Object> api = Synth.props(Template.fromStack(stack).findResources("AWS::ApiGateway::RestApi")
                .values().iterator().next());
        String policy = String.valueOf(api.get("Policy"));
        assertThat(policy).contains("execute-api:Invoke").contains("222222222222")
                .contains("Resource=[execute-api:/v1/GET/counters/*, execute-api:/v1/GET/counters/*/shards]");
        // the pair: a grantee of the same account is granted by its own policy only
        Stack same = new Stack(new App(), "S", StackProps.builder()
                .env(Environment.builder().account("111111111111").region("eu-west-1").build()).build());
        new AtomicCounterApi(same, "Counters").grantRead(role(same, "Reader"));
        Map<String, Object> sameApi = Synth.props(Template.fromStack(same).findResources("AWS::ApiGateway::RestApi")
                .values().iterator().next());
        assertThat(sameApi).doesNotContainKey("Policy");
    }
}
